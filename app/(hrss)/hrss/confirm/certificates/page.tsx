import type { SearchParams } from "@/app/_review/area";
import { CertificatesAdminPage } from "@/app/_review/certificate-pages";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <CertificatesAdminPage searchParams={await searchParams} />;
}
