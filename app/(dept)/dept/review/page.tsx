import { ReviewIndexPage } from "@/app/_batch-submission/review-index-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <ReviewIndexPage area="dept" searchParams={await searchParams} />;
}
