import { DeclarationDetailPage } from "@/app/_declarations-review/detail-page";
import { requireRolePage } from "@/lib/auth/session";

export default async function Page({ params }: { params: Promise<{ declarationId: string }> }) {
  const user = await requireRolePage(["hrss"]);
  return <DeclarationDetailPage user={user} base="/hrss" declarationId={(await params).declarationId} />;
}
