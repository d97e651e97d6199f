import { AreaHome } from "@/app/_area/area-home";
import { backfillPendingItems } from "@/app/_review/home-pending";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";

export default async function Home() {
  const user = await requireRolePage(["self_unit"]);
  return <AreaHome user={user} pending={await backfillPendingItems(await getDb(), user, "/self-unit")} />;
}
