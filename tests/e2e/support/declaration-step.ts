/**
 * Steps of tests/e2e/declaration-way-up.spec.ts that no UI of this branch can take, run against the e2e
 * database (DATABASE_URL) through the lib, as `tsx tests/e2e/support/declaration-step.ts <command> …`:
 *   resubmit <name>          the person corrects the education section and resubmits after a return
 *   publicity-end <day>      prints publicityEnd(db, day) (the server's working-day calendar)
 *   backdate-publicity <name> moves the current 公示 of the person's declaration into the past (it may be finished)
 */
import { and, eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { declarations, publicities, publicityItems } from "@/db/schema";
import * as drafts from "@/lib/declarations/drafts";
import { publicityEnd } from "@/lib/declarations/publicity-dates";
import { submitDeclaration } from "@/lib/declarations/transitions";
import { sessionUserOf } from "@/tests/helpers/session-user";

async function main() {
  const [cmd, arg] = process.argv.slice(2);
  const db = await getDb();
  if (cmd === "publicity-end") {
    console.log(await publicityEnd(db, arg));
    return;
  }
  const [d] = await db.select().from(declarations).where(eq(declarations.personName, arg));
  if (cmd === "resubmit") {
    const p = await sessionUserOf(db, d.userId);
    const saved = await db.transaction((tx) => drafts.saveEducationSection(tx, p, { declarationId: d.id, version: d.version, entries: d.education.map((e) => ({ ...e, degree: "工学硕士（已补正）" })) }));
    const pledged = await db.transaction((tx) => drafts.acceptPledge(tx, p, { declarationId: d.id, version: saved.version, accepted: true }));
    await db.transaction((tx) => submitDeclaration(tx, p, { declarationId: d.id, version: pledged.version }));
    console.log("resubmitted");
    return;
  }
  if (cmd === "backdate-publicity") {
    const [item] = await db.select({ publicityId: publicityItems.publicityId }).from(publicityItems).where(and(eq(publicityItems.declarationId, d.id), eq(publicityItems.current, true)));
    await db.update(publicities).set({ postedOn: "2020-06-01", endsOn: "2020-06-08" }).where(eq(publicities.id, item.publicityId));
    console.log("backdated");
    return;
  }
  throw new Error(`unknown command ${cmd}`);
}

main()
  .then(() => closeDb())
  .catch(async (e) => {
    console.error(e);
    await closeDb();
    process.exit(1);
  });
