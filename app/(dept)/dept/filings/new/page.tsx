import { NewFilingPage } from "@/app/_filings/filing-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <NewFilingPage area="dept" searchParams={await searchParams} />;
}
