/**
 * A candidate's materials as a reviewing expert sees them (docs/domain.md §17 "Panels"): the declaration's
 * sections and attachments, after `assertMaterialsAccess` (member of the round, 承诺书 signed, the
 * candidate on their panel or ballot, not blocked). No ID number, phone or e-mail: a reviewer needs the
 * record, not the means to reach the applicant.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, declarationAttachments, declarations, orgs } from "@/db/schema";
import type { RoundActor } from "./access";
import { assertMaterialsAccess } from "./review";

export async function getCandidateMaterials(db: Db, actor: RoundActor, roundId: string, candidateId: string) {
  const { declarationId } = await assertMaterialsAccess(db, actor, roundId, candidateId);
  const [row] = await db
    .select({
      id: declarations.id,
      personName: declarations.personName,
      series: declarations.series,
      specialty: declarations.specialty,
      targetLevel: declarations.targetLevel,
      basic: declarations.basic,
      education: declarations.education,
      work: declarations.work,
      currentTitle: declarations.currentTitle,
      currentTitleLevel: declarations.currentTitleLevel,
      currentTitleDate: declarations.currentTitleDate,
      achievements: declarations.achievements,
      committeeName: committees.name,
      unitName: orgs.name,
    })
    .from(declarations)
    .innerJoin(committees, eq(committees.id, declarations.committeeId))
    .leftJoin(orgs, eq(orgs.id, declarations.unitOrgId))
    .where(eq(declarations.id, declarationId))
    .limit(1);
  if (!row) throw new Error(`declaration ${declarationId} of candidate ${candidateId} is missing`);
  const attachments = await db
    .select({ id: declarationAttachments.id, slot: declarationAttachments.slot, fileName: declarationAttachments.fileName, size: declarationAttachments.size })
    .from(declarationAttachments)
    .where(eq(declarationAttachments.declarationId, declarationId))
    .orderBy(asc(declarationAttachments.createdAt));
  const { basic, ...rest } = row;
  return {
    ...rest,
    basic: basic ? { gender: basic.gender, birthDate: basic.birthDate, department: basic.department, post: basic.post } : null,
    attachments,
  };
}
export type CandidateMaterials = Awaited<ReturnType<typeof getCandidateMaterials>>;
