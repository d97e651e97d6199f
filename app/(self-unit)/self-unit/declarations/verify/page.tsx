import { QueuePage } from "@/app/_declarations-review/list-pages";
import { requireRolePage } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRolePage(["self_unit"]);
  return <QueuePage user={user} base="/self-unit" move="unit_verify" searchParams={await searchParams} />;
}
