import { DeclarationDetailPage } from "@/app/_declarations-review/detail-page";
import { requireRolePage } from "@/lib/auth/session";

export default async function Page({ params }: { params: Promise<{ declarationId: string }> }) {
  const user = await requireRolePage(["unit"]);
  return <DeclarationDetailPage user={user} base="/unit" declarationId={(await params).declarationId} />;
}
