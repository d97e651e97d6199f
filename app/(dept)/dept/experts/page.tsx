import { ExpertPoolPage } from "@/app/_expert-pool/pool-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <ExpertPoolPage area="dept" searchParams={await searchParams} />;
}
