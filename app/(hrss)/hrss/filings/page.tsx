import { FilingsHomePage } from "@/app/_terms/filings-home-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <FilingsHomePage area="hrss" searchParams={await searchParams} />;
}
