import { AreaHome } from "@/app/_area/area-home";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { backfillPendingItems, filingPendingItems } from "@/lib/workspace/pending-items";

export default async function Home() {
  const user = await requireRolePage(["self_unit"]);
  const db = await getDb();
  const [filings, backfill] = await Promise.all([filingPendingItems(db, user, "/self-unit/filings"), backfillPendingItems(db, user, "/self-unit")]);
  return <AreaHome user={user} pending={[...filings, ...backfill]} />;
}
