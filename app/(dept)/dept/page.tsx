import { AreaHome } from "@/app/_area/area-home";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { countPendingSubordinates } from "@/lib/orgs/subordinates";

export default async function Home() {
  const user = await requireRolePage(["dept"]);
  const pending = await countPendingSubordinates(await getDb(), user);
  return <AreaHome user={user} pending={[{ label: "待审核单位注册", count: pending, href: "/dept/subordinates?status=pending" }]} />;
}
