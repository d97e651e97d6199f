import type { SearchParams } from "@/app/_review/area";
import { ReturnedPage } from "@/app/_review/returned-page";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId } = await params;
  return <ReturnedPage area="dept" committeeId={committeeId} searchParams={await searchParams} />;
}
