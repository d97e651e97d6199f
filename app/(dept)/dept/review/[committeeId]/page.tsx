import type { SearchParams } from "@/app/_review/area";
import { ReviewBoardPage } from "@/app/_review/board-page";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId } = await params;
  return <ReviewBoardPage area="dept" committeeId={committeeId} searchParams={await searchParams} />;
}
