import { and, asc, eq } from "drizzle-orm";
import { loadSessionUser, type SessionUser } from "../lib/auth/session-user";
import type { Actor } from "../lib/declarations/access";
import type { RoundActor } from "../lib/review-rounds/access";
import { addCandidates, createRound } from "../lib/review-rounds/rounds";
import { idCheckChar } from "../lib/validation/id-number";
import type { Db } from "./client";
import { committees, declarationBatches, reviewRounds, roleGrants, users } from "./schema";
import { createCompleteDraft, walkDeclaration, type DeclarationProfile, type OfficeActors } from "./seed-declaration-demo";
import { demoProvinceExpert } from "./seed-experts";

/**
 * The round set-up the review demos share (db/seed-review-round.ts, db/seed-review-results.ts), and the
 * session under a chosen grant that tests/helpers/review-round-fixtures.ts uses as well.
 */

export type GrantRow = { id: string; role: string; orgId: string | null; committeeId: string | null; position: string | null };

/**
 * The session `userId` would have under the first active grant (oldest first) that `pick` chooses (the
 * header's 切换身份), or under the default grant without `pick`. `label` names the caller in the errors.
 */
export async function sessionUnderGrant(db: Db, userId: string, pick: ((g: GrantRow) => boolean) | undefined, label: string): Promise<SessionUser> {
  const [u] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
  let grantId: string | undefined;
  if (pick) {
    const grants = await db
      .select({ id: roleGrants.id, role: roleGrants.role, orgId: roleGrants.orgId, committeeId: roleGrants.committeeId, position: roleGrants.position })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, userId), eq(roleGrants.status, "active")))
      .orderBy(asc(roleGrants.createdAt));
    const grant = grants.find(pick);
    if (!grant) throw new Error(`${label}: no such grant for ${userId}`);
    grantId = grant.id;
  }
  const session = u ? await loadSessionUser(db, { id: userId, sessionVersion: u.sv, grantId }) : null;
  if (!session || (grantId !== undefined && session.grantId !== grantId)) throw new Error(`${label}: no usable session for ${userId} under grant ${grantId ?? "(default)"}`);
  return session;
}

/** Committee 001's open 申报批次 (db/seed-declarations.ts), or null where the seed made none. */
export async function openBatchOf001(tx: Db): Promise<{ id: string; committeeId: string } | null> {
  const [batch] = await tx
    .select({ id: declarationBatches.id, committeeId: declarationBatches.committeeId })
    .from(declarationBatches)
    .innerJoin(committees, eq(committees.id, declarationBatches.committeeId))
    .where(and(eq(committees.code, "001"), eq(declarationBatches.status, "open")))
    .limit(1);
  return batch ?? null;
}

/** One applicant of a demo: `unit` is the key of the employer's org in the seed's org map. */
export type DemoApplicant = { key: string; name: string; id17: string; unit: string };

/**
 * The demo applicants' accounts (`demo_applicant_<firstNo + i>`, phone `<phonePrefix><digits 13–17 of the ID>`)
 * and a complete draft of each, walked to 已受理 by the offices of its route; `prepare` runs on each draft
 * before it is submitted. Returns the declaration id by case key.
 */
export async function declareAccepted<C extends DemoApplicant>(
  tx: Db,
  opts: {
    cases: readonly C[];
    firstNo: number;
    phonePrefix: string;
    batchId: string;
    org: (key: string) => string;
    offices: OfficeActors;
    passwordHash: string;
    profile: (c: C, unitOrgId: string) => DeclarationProfile;
    prepare?: (person: Actor, declarationId: string, c: C) => Promise<void>;
  },
): Promise<Record<string, string>> {
  const people = await tx
    .insert(users)
    .values(
      opts.cases.map((c, i) => ({
        username: `demo_applicant_${String(opts.firstNo + i).padStart(2, "0")}`,
        role: "person" as const,
        name: c.name,
        phone: `${opts.phonePrefix}${c.id17.slice(12, 17)}`,
        nationality: "中国",
        sensitiveConsentAt: new Date(),
        orgId: opts.org(c.unit),
        passwordHash: opts.passwordHash,
        idType: "resident" as const,
        idNumber: c.id17 + idCheckChar(c.id17),
      })),
    )
    .returning({ id: users.id });
  const declarationOf: Record<string, string> = {};
  for (const [i, c] of opts.cases.entries()) {
    const person: Actor = { id: people[i].id, role: "person", orgId: opts.org(c.unit) };
    const d = await createCompleteDraft(tx, person, opts.batchId, opts.profile(c, opts.org(c.unit)));
    if (opts.prepare) await opts.prepare(person, d.id, c);
    await walkDeclaration(tx, person, opts.offices, d.id, "accepted");
    declarationOf[c.key] = d.id;
  }
  return declarationOf;
}

/** A round's current version (the optimistic lock the chair's steps carry). */
export async function roundVersion(tx: Db, roundId: string): Promise<number> {
  return (await tx.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].v;
}

/** The user id of the i-th generated expert of the 省人社厅 pool (db/seed-experts.ts). */
export async function provinceExpertUserId(tx: Db, i: number): Promise<string> {
  return (await tx.select({ id: users.id }).from(users).where(eq(users.idNumber, demoProvinceExpert(i).idNumber)))[0].id;
}

/** A new round of the term with these declarations as its candidates, every one of them accepted. */
export async function createRoundWith(
  tx: Db,
  province: RoundActor,
  input: { termId: string; name: string; meetingDate: string; declarationIds: string[] },
  label: string,
): Promise<{ id: string; termId: string }> {
  const round = await createRound(tx, province, { termId: input.termId, name: input.name, meetingDate: input.meetingDate });
  const added = await addCandidates(tx, province, { roundId: round.id, declarationIds: input.declarationIds });
  if (added.added.length !== input.declarationIds.length) throw new Error(`${label}: candidates refused: ${added.refused.map((r) => r.reason).join("；")}`);
  return round;
}
