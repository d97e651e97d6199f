import type { Metadata } from "next";
import { BatchesPage } from "@/app/_declaration-batches/batches-page";
import type { SearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "申报批次管理" };

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <BatchesPage area="self-unit" searchParams={await searchParams} />;
}
