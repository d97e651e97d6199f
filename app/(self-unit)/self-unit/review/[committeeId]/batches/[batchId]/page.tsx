import { CommitteeBatchPage } from "@/app/_batch-submission/batches-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string; batchId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId, batchId } = await params;
  return <CommitteeBatchPage area="self-unit" committeeId={committeeId} batchId={batchId} searchParams={await searchParams} />;
}
