import { RosterListPage } from "@/app/_roster/list-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId } = await params;
  return <RosterListPage area="hrss" committeeId={committeeId} searchParams={await searchParams} />;
}
