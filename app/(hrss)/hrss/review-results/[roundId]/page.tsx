import { RoundResultsPage } from "@/app/_review-results/pages";

export default async function Page({ params }: { params: Promise<{ roundId: string }> }) {
  return <RoundResultsPage roundId={(await params).roundId} />;
}
