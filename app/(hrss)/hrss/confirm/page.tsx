import type { SearchParams } from "@/app/_review/area";
import { ConfirmQueuePage } from "@/app/_review/confirm-pages";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <ConfirmQueuePage searchParams={await searchParams} />;
}
