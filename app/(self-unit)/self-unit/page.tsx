import { AreaHome } from "@/app/_area/area-home";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { backfillPendingItems } from "@/lib/workspace/pending-items";

export default async function Home() {
  const user = await requireRolePage(["self_unit"]);
  return <AreaHome user={user} pending={await backfillPendingItems(await getDb(), user, "/self-unit")} />;
}
