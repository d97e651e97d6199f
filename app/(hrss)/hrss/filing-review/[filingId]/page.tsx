import { FilingReviewPage } from "@/app/_filings/review-pages";

export default async function Page({ params }: { params: Promise<{ filingId: string }> }) {
  return <FilingReviewPage area="hrss" filingId={(await params).filingId} />;
}
