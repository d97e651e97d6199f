import { IssueQueuePage } from "@/app/_confirmation/issue-queue-page";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <IssueQueuePage searchParams={await searchParams} />;
}
