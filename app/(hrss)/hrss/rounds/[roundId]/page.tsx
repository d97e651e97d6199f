import { RoundPage } from "@/app/_review-rounds/round-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ params, searchParams }: { params: Promise<{ roundId: string }>; searchParams: Promise<SearchParams> }) {
  return <RoundPage area="hrss" roundId={(await params).roundId} searchParams={await searchParams} />;
}
