import { AreaHome } from "@/app/_area/area-home";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { countPendingSubordinates } from "@/lib/orgs/subordinates";
import { backfillPendingItems } from "@/lib/workspace/pending-items";

export default async function Home() {
  const user = await requireRolePage(["hrss"]);
  const db = await getDb();
  const [pending, backfill] = await Promise.all([countPendingSubordinates(db, user), backfillPendingItems(db, user, "/hrss")]);
  return <AreaHome user={user} pending={[{ label: "待审核单位注册", count: pending, href: "/hrss/subordinates?status=pending" }, ...backfill]} />;
}
