import { FilingPage } from "@/app/_filings/filing-page";

export default async function Page({ params }: { params: Promise<{ filingId: string }> }) {
  return <FilingPage area="self-unit" filingId={(await params).filingId} />;
}
