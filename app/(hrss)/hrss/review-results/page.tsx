import { PendingResultsPage } from "@/app/_review-results/pages";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PendingResultsPage searchParams={await searchParams} />;
}
