import { CertificatesAdminPage } from "@/app/_certificate-admin/certificate-pages";
import type { SearchParams } from "@/lib/http/search-params";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <CertificatesAdminPage searchParams={await searchParams} />;
}
