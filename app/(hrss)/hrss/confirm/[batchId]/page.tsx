import type { SearchParams } from "@/app/_review/area";
import { ConfirmBatchPage } from "@/app/_review/confirm-pages";

export default async function Page({ params, searchParams }: { params: Promise<{ batchId: string }>; searchParams: Promise<SearchParams> }) {
  const { batchId } = await params;
  return <ConfirmBatchPage batchId={batchId} searchParams={await searchParams} />;
}
