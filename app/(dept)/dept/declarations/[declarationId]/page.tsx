import { DeclarationDetailPage } from "@/app/_declarations-review/detail-page";
import { requireRolePage } from "@/lib/auth/session";

export default async function Page({ params }: { params: Promise<{ declarationId: string }> }) {
  const user = await requireRolePage(["dept"]);
  return <DeclarationDetailPage user={user} base="/dept" declarationId={(await params).declarationId} />;
}
