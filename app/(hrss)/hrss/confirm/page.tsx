import { ConfirmQueuePage } from "@/app/_confirmation/confirm-pages";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <ConfirmQueuePage searchParams={await searchParams} />;
}
