import { PublicityListPage } from "@/app/_declarations-review/publicity-pages";
import { requireRolePage } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRolePage(["self_unit"]);
  return <PublicityListPage user={user} base="/self-unit" searchParams={await searchParams} />;
}
