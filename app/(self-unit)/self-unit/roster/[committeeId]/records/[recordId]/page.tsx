import { RosterRecordPage } from "@/app/_roster/record-pages";

export default async function Page({ params }: { params: Promise<{ committeeId: string; recordId: string }> }) {
  const { committeeId, recordId } = await params;
  return <RosterRecordPage area="self-unit" committeeId={committeeId} recordId={recordId} />;
}
