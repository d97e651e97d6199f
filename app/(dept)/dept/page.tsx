import { AreaHome } from "@/app/_area/area-home";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { countPendingSubordinates } from "@/lib/orgs/subordinates";
import { backfillPendingItems, filingPendingItems } from "@/lib/workspace/pending-items";

export default async function Home() {
  const user = await requireRolePage(["dept"]);
  const db = await getDb();
  const [pending, backfill, filings] = await Promise.all([
    countPendingSubordinates(db, user),
    backfillPendingItems(db, user, "/dept"),
    filingPendingItems(db, user, "/dept/filings", "/dept/filing-review"),
  ]);
  return <AreaHome user={user} pending={[{ label: "待审核单位注册", count: pending, href: "/dept/subordinates?status=pending" }, ...filings, ...backfill]} />;
}
