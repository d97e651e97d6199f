import { PhotoReviewPage } from "@/app/_photo-review/photos-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId } = await params;
  return <PhotoReviewPage area="dept" committeeId={committeeId} searchParams={await searchParams} />;
}
