import { RosterImportPreviewPage } from "@/app/_roster/import-preview-page";

export default async function Page({ params }: { params: Promise<{ committeeId: string; importId: string }> }) {
  const { committeeId, importId } = await params;
  return <RosterImportPreviewPage area="dept" committeeId={committeeId} importId={importId} />;
}
