import { CertificateAdminPage } from "@/app/_certificate-admin/certificate-pages";

export default async function Page({ params }: { params: Promise<{ certificateId: string }> }) {
  const { certificateId } = await params;
  return <CertificateAdminPage certificateId={certificateId} />;
}
