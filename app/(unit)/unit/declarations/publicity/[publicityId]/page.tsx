import { PublicityDetailPage } from "@/app/_declarations-review/publicity-pages";
import { requireRolePage } from "@/lib/auth/session";

export default async function Page({ params }: { params: Promise<{ publicityId: string }> }) {
  const user = await requireRolePage(["unit"]);
  return <PublicityDetailPage user={user} base="/unit" publicityId={(await params).publicityId} />;
}
