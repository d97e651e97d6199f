import { RoundsPage } from "@/app/_review-rounds/rounds-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <RoundsPage area="self-unit" searchParams={await searchParams} />;
}
