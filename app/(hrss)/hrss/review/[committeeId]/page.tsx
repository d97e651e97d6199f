import { ReviewBoardPage } from "@/app/_batch-submission/board-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId } = await params;
  return <ReviewBoardPage area="hrss" committeeId={committeeId} searchParams={await searchParams} />;
}
