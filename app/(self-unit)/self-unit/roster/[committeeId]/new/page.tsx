import { RosterNewRecordPage } from "@/app/_roster/record-pages";

export default async function Page({ params }: { params: Promise<{ committeeId: string }> }) {
  const { committeeId } = await params;
  return <RosterNewRecordPage area="self-unit" committeeId={committeeId} />;
}
