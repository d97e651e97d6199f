/**
 * Results of a signed review round (docs/domain.md §18, EVALUATION §5 and §7):
 * - 结果公示: the forming organisation publishes (signed → publicity; passed declarations → result_publicity)
 *   for ≥ 5 working days on the holiday calendar with the override table (lib/declarations/publicity-dates.ts);
 * - objections: recorded and resolved (kept, or upheld → the declaration is withheld with the reason);
 * - 确认 / 备案: after the 公示 the 人社部门 that approved the filing (committee_filings.hrss_examiner_org_id)
 *   confirms (committees of 人社部门 / 主管部门) or records the 备案 (自主评审单位), with its 文号 and date, and may
 *   withhold candidates; the confirmed results then wait in the provincial 专技处's confirmation queue;
 * - 发证 (EVALUATION §7 "Who examines"): the 专技处 issues the certificates of a confirmed round in one
 *   transaction straight into `certificates` — numbered on the back-fill's counter (roster_cert_counters,
 *   lib/roster/numbering.ts), signed like the back-fill's (signCertificate over signedFieldsOf), with the
 *   provenance in `review_certificates`.
 * Every state change is a guarded UPDATE with an audit row; of concurrent confirmations (or issues) exactly
 * one matches.
 */
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows, textArray, uuidArray } from "@/db/raw";
import {
  certificates,
  committeeFilings,
  committees,
  declarations,
  orgs,
  reviewCertificates,
  roundCandidates,
  roundResultObjections,
  roundResultPublicities,
  roundResults,
  type ReviewRound,
} from "@/db/schema";
import type { RoundResultKind } from "@/db/schema/enums";
import { isPublicityOver, shiftDays } from "@/lib/calendar/working-days";
import { signCertificate, newVerifyTokens, getCertificateSigningSecret } from "@/lib/certificates/token";
import { signedFieldsOf } from "@/lib/certificates/issue";
import { DECLARATION_MESSAGES } from "@/lib/declarations/constants";
import { currentDeclarationPhotoIds } from "@/lib/declarations/photo-queries";
import { publicityWindow } from "@/lib/declarations/publicity-dates";
import { NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { assertCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";
import { assertFormingOrg, assertState, loadRound, type RoundActor } from "@/lib/review-rounds/access";
import { ROUND_NOT_FOUND } from "@/lib/review-rounds/constants";
import { auditRound, moveDeclarations, moveRound } from "@/lib/review-rounds/moves";
import { allocateCertSequences, buildCertNo, requireTitleCode } from "@/lib/roster/numbering";
import { defaultTitleOf } from "@/lib/roster/title-codes";
import { todayInChina } from "@/lib/roster/dates";
import type { ConfirmResults, IssueResultCertificates, PublishResults, RecordObjection, ResolveObjection } from "./schemas";

export const OBJECTION_NOT_FOUND = "异议不存在";

/** The passed candidates' declaration ids of the round in `status`. */
async function candidateDeclarations(tx: Db, roundId: string, status: "passed" | "result_publicity" | "confirmed"): Promise<string[]> {
  const rows = await tx
    .select({ id: declarations.id })
    .from(roundCandidates)
    .innerJoin(declarations, eq(declarations.id, roundCandidates.declarationId))
    .where(and(eq(roundCandidates.roundId, roundId), eq(declarations.status, status)));
  return rows.map((r) => r.id);
}

/**
 * 站内消息 to the declarants of one move, one INSERT … SELECT whatever their number (addressed to the
 * declaration's account, like the declaration moves of lib/declarations/moves-common.ts).
 */
async function notifyDeclarants(tx: Db, kind: string, items: readonly { declarationId: string; message: string }[]): Promise<void> {
  if (items.length === 0) return;
  await tx.execute(sql`insert into notifications (user_id, kind, message, created_at)
    select d.user_id, ${kind}, t.message, now()
    from unnest(${uuidArray(items.map((i) => i.declarationId))}, ${textArray(items.map((i) => i.message))}) as t(id, message)
    join declarations d on d.id = t.id`);
}

async function committeeNameOf(tx: Db, committeeId: string): Promise<string> {
  const [c] = await tx.select({ name: committees.name }).from(committees).where(eq(committees.id, committeeId));
  return c?.name ?? "";
}

/** 发布结果公示: signed → publicity, passed → result_publicity, the window on the working-day calendar. */
export async function publishResults(
  tx: Db,
  actor: RoundActor,
  input: PublishResults,
  opts: { ip?: string | null; postedOn?: string } = {},
): Promise<{ postedOn: string; endsOn: string; calendarKnown: boolean; candidates: number }> {
  const round = await assertFormingOrg(tx, actor, input.roundId);
  assertState(round, ["signed"], "发布结果公示");
  const postedOn = opts.postedOn ?? todayInChina();
  const window = await publicityWindow(tx, postedOn);
  await moveRound(tx, round, "signed", "publicity", input.version);
  await tx.insert(roundResultPublicities).values({ roundId: round.id, postedOn, endsOn: window.endDate, calendarKnown: window.calendarKnown, postedBy: actor.id });
  const passed = await candidateDeclarations(tx, round.id, "passed");
  const moved = await moveDeclarations(tx, actor, passed, "passed", "result_publicity", `评审结果公示 ${postedOn} 至 ${window.endDate}`);
  const message = DECLARATION_MESSAGES.resultPublicity(await committeeNameOf(tx, round.committeeId), window.endDate);
  await notifyDeclarants(tx, "declaration_result_publicity", moved.map((declarationId) => ({ declarationId, message })));
  await auditRound(tx, actor, "publish_results", round.id, opts.ip, { postedOn, endsOn: window.endDate, candidates: passed.length });
  return { postedOn, endsOn: window.endDate, calendarKnown: window.calendarKnown, candidates: passed.length };
}

async function assertCandidateInPublicity(tx: Db, roundId: string, declarationId: string): Promise<void> {
  const [row] = await tx
    .select({ status: declarations.status })
    .from(roundCandidates)
    .innerJoin(declarations, eq(declarations.id, roundCandidates.declarationId))
    .where(and(eq(roundCandidates.roundId, roundId), eq(roundCandidates.declarationId, declarationId)))
    .limit(1);
  if (!row) throw new NotFoundError("该申报不在本次评审中");
  if (row.status !== "result_publicity") throw new UserError("该申报人的结果不在公示中");
}

/** 登记异议 (forming organisation, during the 公示 and until the confirmation). */
export async function recordObjection(tx: Db, actor: RoundActor, input: RecordObjection, opts: { ip?: string | null } = {}): Promise<{ id: string }> {
  const round = await assertFormingOrg(tx, actor, input.roundId, { lock: "share" });
  assertState(round, ["publicity"], "登记异议");
  await assertCandidateInPublicity(tx, round.id, input.declarationId);
  const [row] = await tx
    .insert(roundResultObjections)
    .values({ roundId: round.id, declarationId: input.declarationId, content: input.content, recordedBy: actor.id })
    .returning({ id: roundResultObjections.id });
  await auditRound(tx, actor, "objection_recorded", round.id, opts.ip, { objectionId: row.id, declarationId: input.declarationId });
  return row;
}

/** 处理异议: open → kept | upheld (guarded); upheld withholds the candidate's result with the reason. */
export async function resolveObjection(tx: Db, actor: RoundActor, input: ResolveObjection, opts: { ip?: string | null } = {}): Promise<{ status: "kept" | "upheld" }> {
  const round = await assertFormingOrg(tx, actor, input.roundId, { lock: "share" });
  assertState(round, ["publicity"], "处理异议");
  const [obj] = await tx
    .update(roundResultObjections)
    .set({ status: input.decision, resolution: input.reason, resolvedBy: actor.id, resolvedAt: new Date() })
    .where(and(eq(roundResultObjections.id, input.objectionId), eq(roundResultObjections.roundId, round.id), eq(roundResultObjections.status, "open")))
    .returning({ declarationId: roundResultObjections.declarationId });
  if (!obj) {
    const [exists] = await tx.select({ id: roundResultObjections.id }).from(roundResultObjections).where(and(eq(roundResultObjections.id, input.objectionId), eq(roundResultObjections.roundId, round.id)));
    if (!exists) throw new NotFoundError(OBJECTION_NOT_FOUND);
    throw new StaleStateError("该异议已处理，请刷新后重试");
  }
  if (input.decision === "upheld") {
    await withhold(tx, actor, round.committeeId, [{ declarationId: obj.declarationId, reason: `结果公示异议成立：${input.reason}` }]);
  }
  await auditRound(tx, actor, "objection_resolved", round.id, opts.ip, { objectionId: input.objectionId, decision: input.decision });
  return { status: input.decision };
}

/**
 * result_publicity → withheld with the reason in final_reason and the event (a candidate already withheld is
 * refused as stale); each person is told why.
 */
async function withhold(tx: Db, actor: RoundActor, committeeId: string, items: { declarationId: string; reason: string }[]): Promise<void> {
  if (items.length === 0) return;
  for (const it of items) {
    const moved = await moveDeclarations(tx, actor, [it.declarationId], "result_publicity", "withheld", it.reason, { finalReason: it.reason, closedAt: new Date() });
    if (moved.length !== 1) throw new StaleStateError("该申报人的结果已变化，请刷新后重试");
  }
  const committeeName = await committeeNameOf(tx, committeeId);
  await notifyDeclarants(tx, "declaration_withheld", items.map((it) => ({ declarationId: it.declarationId, message: DECLARATION_MESSAGES.withheld(committeeName, it.reason) })));
}

/** Who confirms a round: the 人社部门 that approved the filing of its term (the forming 人社部门 itself when none examined it). */
export async function confirmingAuthority(
  db: Db,
  round: Pick<ReviewRound, "termId" | "committeeId" | "formingOrgId">,
): Promise<{ filingId: string | null; authorityOrgId: string; kind: RoundResultKind }> {
  const [filing] = await db
    .select({ id: committeeFilings.id, hrss: committeeFilings.hrssExaminerOrgId })
    .from(committeeFilings)
    .where(and(eq(committeeFilings.termId, round.termId), eq(committeeFilings.committeeId, round.committeeId), eq(committeeFilings.status, "approved")))
    .orderBy(desc(committeeFilings.approvedAt))
    .limit(1);
  const [forming] = await db.select({ kind: orgs.kind }).from(orgs).where(eq(orgs.id, round.formingOrgId));
  return {
    filingId: filing?.id ?? null,
    authorityOrgId: filing?.hrss ?? round.formingOrgId,
    kind: forming?.kind === "unit" ? "filing_record" : "confirmation",
  };
}

/** Loads the round for its confirming 人社部门; anybody else reads 「评审会议不存在」. */
export async function assertConfirmingAuthority(db: Db, actor: RoundActor, roundId: string) {
  const round = await loadRound(db, roundId);
  if (actor.role !== "hrss" || !actor.orgId) throw new NotFoundError(ROUND_NOT_FOUND);
  const authority = await confirmingAuthority(db, round);
  if (authority.authorityOrgId !== actor.orgId) throw new NotFoundError(ROUND_NOT_FOUND);
  return { round, ...authority };
}

const SIGN_CHUNK = 500;

const GENDER_CODES: Record<string, string> = { 男: "male", 女: "female", male: "male", female: "female" };

export type ConfirmOutcome = { kind: RoundResultKind; confirmed: number; withheld: number };

/**
 * 确认 / 备案: one transaction. The guarded UPDATE publicity → confirmed (state AND version) lets exactly one
 * of any number of concurrent confirmations through; the round_results row (one per round) would refuse a
 * second anyway. The certificates are the 专技处's to issue (issueResultCertificates).
 */
export async function confirmResults(tx: Db, actor: RoundActor, input: ConfirmResults, opts: { ip?: string | null; today?: string } = {}): Promise<ConfirmOutcome> {
  const { round, filingId, authorityOrgId, kind } = await assertConfirmingAuthority(tx, actor, input.roundId);
  const what = kind === "confirmation" ? "确认结果" : "备案";
  assertState(round, ["publicity"], what);
  const today = opts.today ?? todayInChina();
  const [pub] = await tx.select().from(roundResultPublicities).where(eq(roundResultPublicities.roundId, round.id));
  if (!pub) throw new UserError("该评审会议尚未发布结果公示");
  if (!isPublicityOver(pub.endsOn, today)) throw new UserError(`结果公示至${pub.endsOn}，公示期满后方可${what}`);
  const approvalNo = input.approvalNo.trim();
  if (input.issueDate > today) throw new UserError("发文日期不能晚于今天", { issueDate: "发文日期不能晚于今天" });
  if (input.issueDate <= pub.endsOn) throw new UserError(`发文日期须在公示期满（${pub.endsOn}）之后`, { issueDate: `发文日期须在公示期满（${pub.endsOn}）之后` });
  // The guard: of concurrent confirmations one moves the round, the others match nothing (stale).
  await moveRound(tx, round, "publicity", "confirmed", input.version);
  // Counted after the move: objection writers hold the round FOR SHARE, so any of them has committed by now.
  const [open] = await executeRows<{ n: number }>(tx, sql`select count(*)::int as n from ${roundResultObjections} where round_id = ${round.id} and status = 'open'`);
  if (open.n > 0) throw new UserError(`还有${open.n}条异议未处理，处理后方可${what}`);

  const withheldItems = (input.withhold ?? []).map((w) => ({ declarationId: w.declarationId, reason: `${kind === "confirmation" ? "人社部门确认时暂缓" : "备案时暂缓"}：${w.reason}` }));
  if (withheldItems.length) {
    const inRound = new Set(await candidateDeclarations(tx, round.id, "result_publicity"));
    if (withheldItems.some((w) => !inRound.has(w.declarationId))) throw new StaleStateError("所选申报人不在本次公示中或结果已变化，请刷新后重试");
    await withhold(tx, actor, round.committeeId, withheldItems);
  }
  const ids = await candidateDeclarations(tx, round.id, "result_publicity");
  if (ids.length !== input.expectedCount) throw new StaleStateError(`待确认人数已变化：确认时为${input.expectedCount}人，现在为${ids.length}人。请刷新后重试`);
  const confirmedAs = kind === "confirmation" ? "确认" : "备案";
  await moveDeclarations(tx, actor, ids, "result_publicity", "confirmed", `人社部门${confirmedAs}，文号 ${approvalNo}，待专技处发证`, { closedAt: new Date() });
  const committeeName = await committeeNameOf(tx, round.committeeId);
  await notifyDeclarants(
    tx,
    "declaration_results_confirmed",
    ids.map((declarationId) => ({ declarationId, message: DECLARATION_MESSAGES.resultsConfirmed(committeeName, confirmedAs, approvalNo) })),
  );
  await tx.insert(roundResults).values({
    roundId: round.id,
    kind,
    filingId,
    authorityOrgId,
    approvalNo,
    issueDate: input.issueDate,
    confirmedCount: ids.length,
    withheldCount: withheldItems.length,
    confirmedBy: actor.id,
  });
  await auditRound(tx, actor, kind === "confirmation" ? "results_confirmed" : "results_filed", round.id, opts.ip, {
    approvalNo,
    issueDate: input.issueDate,
    confirmed: ids.length,
    withheld: withheldItems.map((w) => w.declarationId),
  });
  return { kind, confirmed: ids.length, withheld: withheldItems.length };
}

export type IssueOutcome = { kind: RoundResultKind; certificates: { declarationId: string; certNo: string; certificateId: string }[] };

/**
 * 发证 by the provincial 专技处: the certificates of a confirmed round's candidates, in one transaction. The
 * guarded UPDATE round_results … WHERE issued_at IS NULL lets exactly one of any number of concurrent
 * clicks through (the others read 「已发证」); `review_certificates` (unique per declaration) would refuse a
 * second set anyway. 批准文号 and 发证日期 are the confirmation's.
 */
export async function issueResultCertificates(tx: Db, actor: RoundActor & ProvinceActor, input: IssueResultCertificates, opts: { ip?: string | null } = {}): Promise<IssueOutcome> {
  assertCertDivision(actor);
  const round = await loadRound(tx, input.roundId);
  assertState(round, ["confirmed"], "发证");
  const [result] = await tx
    .update(roundResults)
    .set({ issuedAt: new Date(), issuedBy: actor.id })
    .where(and(eq(roundResults.roundId, round.id), isNull(roundResults.issuedAt)))
    .returning();
  if (!result) throw new StaleStateError("该评审结果已发证或尚未确认，请刷新后查看");
  const [pub] = await tx.select().from(roundResultPublicities).where(eq(roundResultPublicities.roundId, round.id));
  if (!pub) throw new UserError("该评审会议没有结果公示记录，不能发证");
  const ids = await candidateDeclarations(tx, round.id, "confirmed");
  if (ids.length !== input.expectedCount) throw new StaleStateError(`待发证人数已变化：页面为${input.expectedCount}人，现在为${ids.length}人。请刷新后重试`);
  const committeeName = await committeeNameOf(tx, round.committeeId);
  const confirmedAs = result.kind === "confirmation" ? "确认" : "备案";
  const issued = await issueReviewCertificates(tx, {
    round,
    declarationIds: ids,
    approvalNo: result.approvalNo,
    issueDate: result.issueDate,
    kind: result.kind,
    authorityOrgId: result.authorityOrgId,
    filingId: result.filingId,
    publicity: pub,
    actorId: actor.id,
    // Sent while the certificates are signed (CPU) — neither needs a signature.
    whileSigning: async (planned) => {
      await notifyDeclarants(
        tx,
        "declaration_confirmed",
        planned.map((c) => ({ declarationId: c.declarationId, message: DECLARATION_MESSAGES.certificateIssued(committeeName, confirmedAs, c.certNo) })),
      );
    },
  });
  await tx.update(roundResults).set({ certificateCount: issued.length }).where(eq(roundResults.roundId, round.id));
  await auditRound(tx, actor, "certificates_issued", round.id, opts.ip, { approvalNo: result.approvalNo, certificates: issued.length });
  return { kind: result.kind, certificates: issued };
}

/**
 * Version 1 of a certificate per declaration: the printed fields from the declaration (name, ID, gender and
 * birth date of the 基本信息, the unit's name, series, specialty, the level's title), 评审通过时间 = the meeting
 * date, 批准文号 / 发证日期 = the confirmation's, the issuing authority = the confirming 人社部门 (or, for a
 * 备案, the 自主评审单位 itself). Numbers continue the committee's back-fill counter for the pass year.
 * Photo: the declaration's own 证件照 (its current photo, lib/declarations/photo-queries.ts); a declaration without one
 * (made before the 证件照 step existed) takes the person's latest approved back-fill photo (by ID number), or none (the
 * PDF leaves the photo box empty).
 */
async function issueReviewCertificates(
  tx: Db,
  p: {
    round: ReviewRound;
    declarationIds: string[];
    approvalNo: string;
    issueDate: string;
    kind: RoundResultKind;
    authorityOrgId: string;
    filingId: string | null;
    publicity: { postedOn: string; endsOn: string };
    actorId: string;
    /** Writes that need the numbers but not the signatures, started before the signing and awaited after it. */
    whileSigning: (planned: { declarationId: string; certNo: string }[]) => Promise<void>;
  },
): Promise<{ declarationId: string; certNo: string; certificateId: string }[]> {
  if (p.declarationIds.length === 0) return [];
  if (!p.round.closingHash) throw new UserError("评审会议缺少结束哈希，不能发证");
  const [committee] = await tx.select({ code: committees.code, name: committees.name }).from(committees).where(eq(committees.id, p.round.committeeId));
  const issuerId = p.kind === "confirmation" ? p.authorityOrgId : p.round.formingOrgId;
  const [issuer] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, issuerId));
  const rows = await tx
    .select({
      id: declarations.id,
      name: declarations.personName,
      idType: declarations.idType,
      idNumber: declarations.idNumber,
      basic: declarations.basic,
      series: declarations.series,
      specialty: declarations.specialty,
      level: declarations.targetLevel,
      unitName: orgs.name,
    })
    .from(declarations)
    .leftJoin(orgs, eq(orgs.id, declarations.unitOrgId))
    .where(sql`${declarations.id} = any(${uuidArray(p.declarationIds)})`)
    .orderBy(declarations.personName, declarations.id);
  const declared = await currentDeclarationPhotoIds(
    tx,
    rows.map((r) => r.id),
  );
  const backfill = await latestApprovedPhotos(
    tx,
    rows.filter((r) => !declared.has(r.id)).map((r) => r.idNumber ?? ""),
  );
  const passDate = p.round.meetingDate;
  const passYear = Number(passDate.slice(0, 4));
  const first = await allocateCertSequences(tx, p.round.committeeId, passYear, rows.length);
  const tokens = newVerifyTokens(rows.length);
  const secret = getCertificateSigningSecret();
  const values = rows.map((r, i) => {
    const gender = GENDER_CODES[r.basic?.gender ?? ""];
    if (!r.idType || !r.idNumber || !gender || !r.basic?.birthDate) throw new UserError(`申报人“${r.name}”的基本信息不完整，不能发证`);
    const qualificationName = defaultTitleOf(r.series, r.level);
    if (!qualificationName) throw new UserError(`申报人“${r.name}”的系列没有所申报的级别`);
    const fields = {
      certNo: buildCertNo(passYear, requireTitleCode(r.series, r.level), committee.code, first + i),
      version: 1,
      name: r.name,
      gender,
      birthDate: r.basic.birthDate,
      idType: r.idType,
      idNumber: r.idNumber,
      workUnit: r.unitName ?? "",
      series: r.series,
      specialty: r.specialty,
      qualificationName,
      level: r.level,
      obtainMethod: "review" as const,
      passDate,
      approvalNo: p.approvalNo,
      issuingAuthority: issuer?.name ?? "",
      issueDate: p.issueDate,
      committeeName: committee.name,
    };
    return {
      ...fields,
      status: "valid" as const,
      rosterRecordId: null,
      committeeId: p.round.committeeId,
      passYear,
      photoId: declared.get(r.id) ?? backfill.get(r.idNumber) ?? null,
      verifyToken: tokens[i],
      signature: "",
      issuedBy: p.actorId,
      fields,
    };
  });
  const side = p.whileSigning(values.map((v, i) => ({ declarationId: rows[i].id, certNo: v.certNo })));
  side.catch(() => undefined); // awaited below; a failure aborts the transaction either way
  for (let i = 0; i < values.length; i += SIGN_CHUNK) {
    // Let the pending statements go out before each chunk, so the database works while this signs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const v of values.slice(i, i + SIGN_CHUNK)) v.signature = signCertificate(signedFieldsOf(v.fields), secret);
  }
  await side;
  // Two statements whatever the number: every column as one array parameter (unnest), the ids made here so
  // that the provenance needs no RETURNING round trip.
  const certIds = values.map(() => randomUUID());
  const col = <K extends Exclude<keyof (typeof values)[number], "fields">>(k: K) => values.map((v) => String(v[k] ?? ""));
  await tx.execute(sql`insert into ${certificates} (
      id, cert_no, version, status, roster_record_id, committee_id, committee_name, name, gender, birth_date, id_type, id_number,
      work_unit, series, specialty, qualification_name, level, obtain_method, pass_date, pass_year, approval_no,
      issuing_authority, issue_date, photo_id, verify_token, signature, issued_by)
    select t.id, t.cert_no, 1, 'valid', null, ${p.round.committeeId}::uuid, ${committee.name}, t.name, t.gender, t.birth_date::date, t.id_type::id_type, t.id_number,
      t.work_unit, t.series, t.specialty, t.qualification_name, t.level::title_level, 'review', ${passDate}::date, ${passYear}::int, ${p.approvalNo},
      ${issuer?.name ?? ""}, ${p.issueDate}::date, nullif(t.photo_id, '')::uuid, t.verify_token, t.signature, ${p.actorId}::uuid
    from unnest(${uuidArray(certIds)}, ${textArray(col("certNo"))}, ${textArray(col("name"))}, ${textArray(col("gender"))}, ${textArray(col("birthDate"))},
      ${textArray(col("idType"))}, ${textArray(col("idNumber"))}, ${textArray(col("workUnit"))}, ${textArray(col("series"))}, ${textArray(col("specialty"))},
      ${textArray(col("qualificationName"))}, ${textArray(col("level"))}, ${textArray(col("photoId"))}, ${textArray(col("verifyToken"))}, ${textArray(col("signature"))})
      as t(id, cert_no, name, gender, birth_date, id_type, id_number, work_unit, series, specialty, qualification_name, level, photo_id, verify_token, signature)`);
  const out = values.map((v, i) => ({ declarationId: rows[i].id, certNo: v.certNo, certificateId: certIds[i] }));
  await tx.execute(sql`insert into ${reviewCertificates} (cert_no, certificate_id, declaration_id, round_id, filing_id, closing_hash, publicity_from, publicity_to)
    select t.cert_no, t.certificate_id, t.declaration_id, ${p.round.id}::uuid, ${p.filingId}::uuid, ${p.round.closingHash}, ${shiftDays(p.publicity.postedOn, 1)}::date, ${p.publicity.endsOn}::date
    from unnest(${textArray(out.map((c) => c.certNo))}, ${uuidArray(certIds)}, ${uuidArray(out.map((c) => c.declarationId))}) as t(cert_no, certificate_id, declaration_id)`);
  return out;
}

/** The latest approved back-fill photo of each ID number (roster_photos via roster_records). */
async function latestApprovedPhotos(tx: Db, idNumbers: string[]): Promise<Map<string, string>> {
  const wanted = idNumbers.filter(Boolean);
  if (wanted.length === 0) return new Map();
  const rows = await executeRows<{ id_number: string; photo_id: string }>(
    tx,
    sql`select distinct on (r.id_number) r.id_number, p.id as photo_id
        from roster_records r join roster_photos p on p.record_id = r.id and p.status = 'approved'
        where r.id_number = any(${textArray(wanted)})
        order by r.id_number, p.decided_at desc nulls last`,
  );
  return new Map(rows.map((r) => [r.id_number, r.photo_id]));
}
