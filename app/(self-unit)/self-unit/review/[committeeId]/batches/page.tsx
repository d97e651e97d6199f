import type { SearchParams } from "@/app/_review/area";
import { CommitteeBatchesPage } from "@/app/_review/batches-page";

export default async function Page({ params, searchParams }: { params: Promise<{ committeeId: string }>; searchParams: Promise<SearchParams> }) {
  const { committeeId } = await params;
  return <CommitteeBatchesPage area="self-unit" committeeId={committeeId} searchParams={await searchParams} />;
}
