import { and, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterRecords } from "@/db/schema";
import { StaleStateError, UserError } from "@/lib/errors";
import { assertCommitteeOwner, committeeFieldErrors, type OwnedCommittee, type RosterActor } from "./access";
import { rosterGlyphIssues } from "./glyph-check";
import { allocateCertSequences, buildCertNo, requireTitleCode } from "./numbering";
import type { RosterRecordData } from "./schemas";
import { transitionRosterRecords } from "./transitions";

function assertCommitteeRules(committee: OwnedCommittee, data: RosterRecordData): void {
  const errors = committeeFieldErrors(committee, data);
  if (Object.keys(errors).length) throw new UserError(Object.values(errors)[0], errors);
}

/** A character no certificate font can draw is refused; the warnings (fallback font) are returned. */
function checkPrintable(data: RosterRecordData): string[] {
  const { warnings, errors } = rosterGlyphIssues(data);
  if (Object.keys(errors).length) throw new UserError(Object.values(errors)[0], errors);
  return warnings;
}

async function assertKeyFree(tx: Db, committeeId: string, data: RosterRecordData, exceptId?: string): Promise<void> {
  const conds: SQL[] = [
    eq(rosterRecords.committeeId, committeeId),
    eq(rosterRecords.idType, data.idType),
    eq(rosterRecords.idNumber, data.idNumber),
    eq(rosterRecords.qualificationName, data.qualificationName),
    eq(rosterRecords.passYear, data.passYear),
  ];
  if (exceptId) conds.push(ne(rosterRecords.id, exceptId));
  const [dup] = await tx.select({ certNo: rosterRecords.certNo }).from(rosterRecords).where(and(...conds)).limit(1);
  if (dup) {
    const msg = `名册中已有该人员${data.passYear}年取得的“${data.qualificationName}”记录（证书编号 ${dup.certNo}）`;
    throw new UserError(msg, { idNumber: msg });
  }
}

async function newCertNo(tx: Db, committee: OwnedCommittee, data: RosterRecordData): Promise<string> {
  const titleCode = requireTitleCode(data.series, data.level);
  const seq = await allocateCertSequences(tx, committee.id, data.passYear, 1);
  return buildCertNo(data.passYear, titleCode, committee.code, seq);
}

function storedValues(committee: OwnedCommittee, data: RosterRecordData) {
  return {
    ...data,
    issuingAuthority: data.issuingAuthority ?? committee.formingOrgName,
    issueDate: data.issueDate ?? data.passDate,
  };
}

/** 手工录入: a new draft record with its certificate number, in the caller's transaction. */
export async function createRosterRecord(
  tx: Db,
  actor: RosterActor,
  input: { committeeId: string; data: RosterRecordData },
): Promise<{ id: string; certNo: string; glyphWarnings: string[] }> {
  const committee = await assertCommitteeOwner(tx, actor, input.committeeId, { lock: true });
  assertCommitteeRules(committee, input.data);
  const glyphWarnings = checkPrintable(input.data);
  await assertKeyFree(tx, committee.id, input.data);
  const certNo = await newCertNo(tx, committee, input.data);
  const [row] = await tx
    .insert(rosterRecords)
    .values({ ...storedValues(committee, input.data), committeeId: committee.id, certNo, source: "manual", createdBy: actor.id, updatedBy: actor.id })
    .returning({ id: rosterRecords.id, certNo: rosterRecords.certNo });
  return { ...row, glyphWarnings };
}

async function loadRecordCommittee(tx: Db, recordId: string): Promise<string> {
  const [rec] = await tx.select({ committeeId: rosterRecords.committeeId }).from(rosterRecords).where(eq(rosterRecords.id, recordId)).limit(1);
  if (!rec) throw new UserError("记录不存在或已被删除");
  return rec.committeeId;
}

/**
 * Edits a draft. The version the form was loaded with must still be current. A new year or title
 * code (series/level) changes the certificate number: drafts are not issued yet.
 */
export async function updateRosterRecord(
  tx: Db,
  actor: RosterActor,
  input: { id: string; version: number; data: RosterRecordData },
): Promise<{ id: string; certNo: string; version: number; committeeId: string; glyphWarnings: string[] }> {
  const committee = await assertCommitteeOwner(tx, actor, await loadRecordCommittee(tx, input.id), { lock: true });
  const [current] = await tx
    .select({ status: rosterRecords.status, version: rosterRecords.version, certNo: rosterRecords.certNo })
    .from(rosterRecords)
    .where(eq(rosterRecords.id, input.id))
    .limit(1);
  if (current.status !== "draft") throw new UserError("只有草稿状态的记录可以修改");
  if (current.version !== input.version) throw new StaleStateError("该记录已被他人修改，请刷新后重试");
  assertCommitteeRules(committee, input.data);
  const glyphWarnings = checkPrintable(input.data);
  await assertKeyFree(tx, committee.id, input.data, input.id);

  const titleCode = requireTitleCode(input.data.series, input.data.level);
  const numberStillFits = current.certNo.slice(2, 6) === String(input.data.passYear) && current.certNo.slice(6, 9) === titleCode;
  const certNo = numberStillFits ? current.certNo : await newCertNo(tx, committee, input.data);

  const [row] = await tx
    .update(rosterRecords)
    .set({ ...storedValues(committee, input.data), certNo, version: sql`${rosterRecords.version} + 1`, updatedAt: new Date(), updatedBy: actor.id })
    .where(and(eq(rosterRecords.id, input.id), eq(rosterRecords.version, input.version), eq(rosterRecords.status, "draft")))
    .returning({ id: rosterRecords.id, certNo: rosterRecords.certNo, version: rosterRecords.version });
  if (!row) throw new StaleStateError("该记录已被他人修改，请刷新后重试");
  return { ...row, committeeId: committee.id, glyphWarnings };
}

/** Deletes drafts (each at the version the user saw); all or none. */
export async function deleteRosterRecords(
  tx: Db,
  actor: RosterActor,
  input: { committeeId: string; records: { id: string; version: number }[] },
): Promise<number> {
  await assertCommitteeOwner(tx, actor, input.committeeId, { lock: true });
  const match = or(...input.records.map((r) => and(eq(rosterRecords.id, r.id), eq(rosterRecords.version, r.version))));
  const deleted = await tx
    .delete(rosterRecords)
    .where(and(eq(rosterRecords.committeeId, input.committeeId), eq(rosterRecords.status, "draft"), match))
    .returning({ id: rosterRecords.id });
  if (deleted.length !== input.records.length) {
    throw new StaleStateError("所选记录中有的已发布、已被修改或已删除，未删除任何记录。请刷新后重试");
  }
  return deleted.length;
}

/** 发布: drafts → 待上传照片, after which the professionals can see them. */
export async function publishRosterRecords(
  tx: Db,
  actor: RosterActor,
  input: { committeeId: string; recordIds?: string[]; expectedCount: number },
): Promise<number> {
  await assertCommitteeOwner(tx, actor, input.committeeId, { lock: true });
  return transitionRosterRecords(tx, actor, {
    committeeId: input.committeeId,
    transition: "publish",
    recordIds: input.recordIds,
    expectedCount: input.expectedCount,
  });
}
