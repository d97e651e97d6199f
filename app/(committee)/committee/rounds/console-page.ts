import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_review-rounds/page-guard";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { isUuid } from "@/lib/roster/access";
import { getChairConsole } from "@/lib/review-rounds/queries";

/** Page guard of the console: a 评委会成员 grant, then the lib's check that it is the round's 主任 (else 404). */
export async function loadChairConsole(roundId: string) {
  const user = await requireRolePage(["committee_member"]);
  if (!isUuid(roundId)) notFound();
  const db = await getDb();
  const data = await orNotFound(getChairConsole(db, user, roundId));
  return { user, db, data };
}
