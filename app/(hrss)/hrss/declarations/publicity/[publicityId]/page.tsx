import { PublicityDetailPage } from "@/app/_declarations-review/publicity-pages";
import { requireRolePage } from "@/lib/auth/session";

export default async function Page({ params }: { params: Promise<{ publicityId: string }> }) {
  const user = await requireRolePage(["hrss"]);
  return <PublicityDetailPage user={user} base="/hrss" publicityId={(await params).publicityId} />;
}
