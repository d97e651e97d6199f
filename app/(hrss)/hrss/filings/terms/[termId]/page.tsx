import { TermPage } from "@/app/_terms/term-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ params, searchParams }: { params: Promise<{ termId: string }>; searchParams: Promise<SearchParams> }) {
  return <TermPage area="hrss" termId={(await params).termId} searchParams={await searchParams} />;
}
