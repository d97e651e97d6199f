import { FilingQueuePage } from "@/app/_filings/review-pages";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <FilingQueuePage area="hrss" searchParams={await searchParams} />;
}
