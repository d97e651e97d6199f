import type { SearchParams } from "@/app/_review/area";
import { ReviewIndexPage } from "@/app/_review/review-index-page";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <ReviewIndexPage area="self-unit" searchParams={await searchParams} />;
}
