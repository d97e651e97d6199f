import type { SearchParams } from "@/app/_review/area";
import { CommitteeBatchPage } from "@/app/_review/batches-page";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string; batchId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId, batchId } = await params;
  return <CommitteeBatchPage area="dept" committeeId={committeeId} batchId={batchId} searchParams={await searchParams} />;
}
