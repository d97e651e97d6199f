import { RosterImportPage } from "@/app/_roster/import-page";

export default async function Page({ params }: { params: Promise<{ committeeId: string }> }) {
  const { committeeId } = await params;
  return <RosterImportPage area="hrss" committeeId={committeeId} />;
}
