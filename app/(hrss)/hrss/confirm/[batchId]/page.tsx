import { ConfirmBatchPage } from "@/app/_confirmation/confirm-pages";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ params, searchParams }: { params: Promise<{ batchId: string }>; searchParams: Promise<SearchParams> }) {
  const { batchId } = await params;
  return <ConfirmBatchPage batchId={batchId} searchParams={await searchParams} />;
}
