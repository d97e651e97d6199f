import type { SearchParams } from "@/app/_roster/area";
import { RosterListPage } from "@/app/_roster/list-page";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId } = await params;
  return <RosterListPage area="hrss" committeeId={committeeId} searchParams={await searchParams} />;
}
