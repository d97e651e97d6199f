import { TermPage } from "@/app/_terms/term-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <TermPage area="dept" searchParams={await searchParams} />;
}
