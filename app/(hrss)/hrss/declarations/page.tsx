import { DeclarationsListPage } from "@/app/_declarations-review/list-pages";
import { requireRolePage } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRolePage(["hrss"]);
  return <DeclarationsListPage user={user} base="/hrss" searchParams={await searchParams} />;
}
