import type { SearchParams } from "@/app/_review/area";
import { PhotoReviewPage } from "@/app/_review/photos-page";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId } = await params;
  return <PhotoReviewPage area="dept" committeeId={committeeId} searchParams={await searchParams} />;
}
