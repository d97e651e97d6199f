import { FilingPage } from "@/app/_filings/filing-page";

export default async function Page({ params }: { params: Promise<{ filingId: string }> }) {
  return <FilingPage area="hrss" filingId={(await params).filingId} />;
}
