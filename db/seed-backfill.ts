/**
 * The certificate back-fill part of the demo data (DOMAIN §3–§5): every state of the flow, produced
 * by the same domain functions the server actions and the upload route call, each followed by the
 * audit row the action would write. Runs inside the demo seed's transaction (db/seed.ts).
 *
 * 评委会 001 (贵州省工程技术高级职称评审委员会, formed by the province: demo_province):
 *   batch 1  — 张三 2017 高级工程师, 张三 2021 正高级工程师 and two others: confirmed by demo_zjc,
 *              certificates issued (2021: PDF download; 2017: view only);
 *   batch 2  — two records submitted, waiting for demo_zjc (证书确认);
 *   in progress — two photos approved (ready for the next 一次性提交), three photos to review, one
 *              record whose holder has not uploaded yet (blocks the submission until excluded).
 * 评委会 004 (贵州大学, demo_selfunit): 张三 2022 副教授, published, waiting for his photo.
 * 诚信档案: demo_zjc then revokes 李红梅's 2020 高级工程师 of batch 1 for fraud (因弄虚作假撤销, with a 文号),
 *   which writes her 诚信档案 record (region 贵阳市云岩区 by her ID number: demo_hrss and the province see it).
 *
 * This is the only file of the seed that imports the back-fill domain modules.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { revokeCertificateWithRecord } from "@/lib/certificates/changes";
import { confirmBatch } from "@/lib/confirmation/confirm-batch";
import { submitBatch } from "@/lib/batch-submission/submit-batch";
import { grantPhotoConsent, storePersonPhoto, submitPersonPhoto } from "@/lib/backfill/person-photo";
import { approvePhotos } from "@/lib/photo-review/decisions";
import { needsPhoto } from "@/lib/roster/photo-rule";
import { normalizeIdPhoto } from "@/lib/photos/normalize";
import { createRosterRecord, publishRosterRecords } from "@/lib/roster/records";
import { createRosterRecordSchema } from "@/lib/roster/schemas";
import { idCheckChar } from "@/lib/validation/id-number";
import type { Db } from "./client";
import { demoPortraitJpeg, type PortraitStyle } from "./demo-portrait";
import { certificates as certificateTable, rosterBatches, rosterPhotos, rosterRecords, users, type NewUser, type RosterStatus } from "./schema";

type Actor = Pick<SessionUser, "id" | "role" | "orgId" | "orgIsCertDivision">;

export type BackfillSeedContext = {
  /** demo_person (张三). */
  person: Actor;
  /** demo_province: forms committee 001. */
  province: Actor;
  /** demo_selfunit: forms committee 004. */
  selfUnit: Actor;
  /** demo_zjc: the 专技处. */
  zjc: Actor;
  committee001: string;
  committee004: string;
  passwordHash: string;
};

export type BackfillSeedSummary = {
  /** Professionals added to show the flow (they log in with their ID number and the demo password). */
  people: number;
  certificates: number;
  confirmedBatchNo: string;
  waitingBatchNo: string;
};

// ---------------------------------------------------------------------------
// The professionals. ID numbers are fictitious but pass the check character (GB 11643).

type DemoPerson = { key: string; name: string; first17: string; phone: string; workUnit: string; style: PortraitStyle };

const ZHANG_SAN_STYLE: PortraitStyle = { hair: "#231c18", jacket: "#2c3854" };

const PEOPLE: DemoPerson[] = [
  { key: "lhm", name: "李红梅", first17: "52010319850412002", phone: "13985100101", workUnit: "贵州省交通规划勘察设计研究院", style: { hair: "#2e2119", jacket: "#6b2f3a", longHair: true } },
  { key: "wjj", name: "王建军", first17: "52030219780923001", phone: "13985100102", workUnit: "中国电建集团贵阳勘测设计研究院有限公司", style: { hair: "#1c1a19", jacket: "#3b3f45" } },
  { key: "zl", name: "赵丽", first17: "52040219870716002", phone: "13985100103", workUnit: "贵州省水利水电勘测设计研究院", style: { hair: "#3a2a20", jacket: "#27506b", longHair: true } },
  { key: "sw", name: "孙伟", first17: "52050219820305003", phone: "13985100104", workUnit: "贵州省建筑设计研究院有限责任公司", style: { hair: "#161414", jacket: "#2f4a3a" } },
  { key: "zj", name: "周杰", first17: "52060219800128001", phone: "13985100105", workUnit: "贵州路桥集团有限公司", style: { hair: "#241d18", jacket: "#1f2a44" } },
  { key: "wf", name: "吴芳", first17: "52230119880809004", phone: "13985100106", workUnit: "贵州省地质矿产勘查开发局", style: { hair: "#33251d", jacket: "#5a3d6b", longHair: true } },
  { key: "zk", name: "郑凯", first17: "52260119860411003", phone: "13985100107", workUnit: "贵州省交通规划勘察设计研究院", style: { hair: "#1d1915", jacket: "#44474f" } },
  { key: "fx", name: "冯雪", first17: "52270119900214002", phone: "13985100108", workUnit: "贵州省城乡规划设计研究院", style: { hair: "#2a1f19", jacket: "#7a4b2a", longHair: true } },
  { key: "cg", name: "陈刚", first17: "52010219830620005", phone: "13985100109", workUnit: "贵阳市政工程设计研究院", style: { hair: "#1a1716", jacket: "#2d3e5c" } },
];

/** On committee 001's roster, but without an account: has not uploaded a photo. */
const NO_ACCOUNT = { name: "何强", first17: "52032119790511007", workUnit: "遵义市建筑设计院" };

export const DEMO_PERSON_ID = "520102199003150014";
export const DEMO_PEOPLE_IDS: readonly string[] = PEOPLE.map((p) => p.first17 + idCheckChar(p.first17));

// ---------------------------------------------------------------------------
// The roster records, as a committee user types them into 手工录入.

type RecordSpec = {
  holder: string; // PEOPLE key, "zhangsan" or "noaccount"
  specialty: string;
  level: "senior_full" | "senior_deputy" | "intermediate";
  qualificationName: string;
  passDate: string;
  approvalNo: string;
};

const ENGINEERING = "工程技术";

const BATCH_CONFIRMED: RecordSpec[] = [
  { holder: "zhangsan", specialty: "建筑工程", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2017-11-28", approvalNo: "黔人社职称〔2017〕42号" },
  { holder: "zhangsan", specialty: "建筑工程", level: "senior_full", qualificationName: "正高级工程师", passDate: "2021-12-10", approvalNo: "黔人社职称〔2021〕56号" },
  { holder: "lhm", specialty: "道路与桥梁", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2020-12-01", approvalNo: "黔人社职称〔2020〕48号" },
  { holder: "wjj", specialty: "水利水电工程", level: "senior_full", qualificationName: "正高级工程师", passDate: "2019-12-06", approvalNo: "黔人社职称〔2019〕51号" },
];
const BATCH_WAITING: RecordSpec[] = [
  { holder: "zl", specialty: "水利水电工程", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2022-12-09", approvalNo: "黔人社职称〔2022〕60号" },
  { holder: "sw", specialty: "建筑工程", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2022-12-09", approvalNo: "黔人社职称〔2022〕60号" },
];
const IN_PROGRESS: (RecordSpec & { stage: "approved" | "submitted" | "awaiting" })[] = [
  { stage: "approved", holder: "zj", specialty: "道路与桥梁", level: "senior_full", qualificationName: "正高级工程师", passDate: "2023-12-15", approvalNo: "黔人社职称〔2023〕58号" },
  { stage: "approved", holder: "wf", specialty: "地质勘查", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2023-12-15", approvalNo: "黔人社职称〔2023〕58号" },
  { stage: "submitted", holder: "zk", specialty: "道路与桥梁", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2023-12-15", approvalNo: "黔人社职称〔2023〕58号" },
  { stage: "submitted", holder: "fx", specialty: "城乡规划", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2024-12-13", approvalNo: "黔人社职称〔2024〕63号" },
  { stage: "submitted", holder: "cg", specialty: "市政工程", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2024-12-13", approvalNo: "黔人社职称〔2024〕63号" },
  { stage: "awaiting", holder: "noaccount", specialty: "建筑工程", level: "senior_deputy", qualificationName: "高级工程师", passDate: "2024-12-13", approvalNo: "黔人社职称〔2024〕63号" },
];
/** Committee 004 (高校教师): 张三's earlier title at 贵州大学, waiting for his photo. */
const ZHANG_SAN_AWAITING: RecordSpec = {
  holder: "zhangsan", specialty: "土木工程", level: "senior_deputy", qualificationName: "副教授", passDate: "2022-12-16", approvalNo: "贵大职称〔2022〕9号",
};

/** 李红梅's 2020 高级工程师, revoked for fraud after confirmation: her 诚信档案 record. */
const FRAUD_REVOCATION = { holder: "lhm", reason: "申报材料中论文成果弄虚作假", documentNo: "黔人社专技〔2025〕37号" };

/** What the 专技处 types when confirming batch 1 (a fixed past date keeps the data the same on every run). */
const CONFIRMATION = { approvalNo: "黔人社专技〔2025〕21号", issueDate: "2025-06-30" };

// ---------------------------------------------------------------------------

async function audit(tx: Db, actor: Actor, action: string, targetType: string, targetId: string, detail: Record<string, unknown>): Promise<void> {
  await writeAudit(tx, { actorId: actor.id, actorRole: actor.role, actorOrgId: actor.orgId, action, targetType, targetId, outcome: "success", detail });
}

/** A person on a roster; `account` and `style` (their portrait) are null for one who has not registered. */
type Holder = { account: Actor | null; name: string; idNumber: string; workUnit: string; style: PortraitStyle | null };

/** 手工录入 (roster.record.create), through the form's schema. */
async function createRecord(tx: Db, committee: { id: string; actor: Actor; series: string }, holder: Holder, spec: RecordSpec): Promise<string> {
  const input = createRosterRecordSchema.parse({
    committeeId: committee.id,
    name: holder.name,
    gender: "",
    birthDate: "",
    idType: "resident",
    idNumber: holder.idNumber,
    nationality: "",
    workUnit: holder.workUnit,
    series: committee.series,
    specialty: spec.specialty,
    qualificationName: spec.qualificationName,
    level: spec.level,
    obtainMethod: "review",
    passDate: spec.passDate,
    approvalNo: spec.approvalNo,
    issuingAuthority: "",
    issueDate: "",
  });
  const rec = await createRosterRecord(tx, committee.actor, input);
  await audit(tx, committee.actor, "roster.record.create", "roster_record", rec.id, { committeeId: committee.id, certNo: rec.certNo });
  return rec.id;
}

/** 发布所选 (roster.record.publish). */
async function publish(tx: Db, actor: Actor, committeeId: string, recordIds: string[]): Promise<void> {
  const n = await publishRosterRecords(tx, actor, { committeeId, recordIds, expectedCount: recordIds.length });
  await audit(tx, actor, "roster.record.publish", "committee", committeeId, { published: n, selected: recordIds.length });
}

const consented = new Set<string>();

/** The professional: consent once (photo.consent), upload (photo.upload, normalised on the server), submit (photo.submit). */
async function uploadAndSubmit(tx: Db, holder: Holder, recordId: string, photos: Map<PortraitStyle, { source: Buffer }>): Promise<void> {
  const user = holder.account!;
  if (!consented.has(user.id)) {
    const c = await grantPhotoConsent(tx, user.id);
    await audit(tx, user, "photo.consent", "user", user.id, { already: c.already });
    consented.add(user.id);
  }
  const style = holder.style!;
  let source = photos.get(style)?.source;
  if (!source) {
    source = await demoPortraitJpeg(style);
    photos.set(style, { source });
  }
  const photo = await normalizeIdPhoto(source);
  if (!photo.ok) throw new Error(`demo seed: the portrait of ${holder.name} fails the photo rules: ${photo.errors.map((e) => e.message).join("；")}`);
  const stored = await storePersonPhoto(tx, user.id, recordId, photo);
  await audit(tx, user, "photo.upload", "roster_record", recordId, {
    photoId: stored.photoId, certNo: stored.certNo, sha256: photo.sha256, bytes: photo.bytes, sourceBytes: source.length, replaced: stored.replaced, withdrawn: stored.withdrawn,
  });
  const [rec] = await tx.select({ version: rosterRecords.version }).from(rosterRecords).where(eq(rosterRecords.id, recordId));
  const submitted = await submitPersonPhoto(tx, user.id, { recordId, version: rec.version });
  await audit(tx, user, "photo.submit", "roster_record", recordId, { photoId: submitted.photoId, certNo: submitted.certNo, version: rec.version });
}

/** 照片审核 → 通过 (backfill.photo.approve), at the versions and photos the reviewer sees. */
async function approve(tx: Db, actor: Actor, committeeId: string, recordIds: string[]): Promise<void> {
  const items = await tx
    .select({ id: rosterRecords.id, version: rosterRecords.version, photoId: rosterPhotos.id })
    .from(rosterRecords)
    .innerJoin(rosterPhotos, and(eq(rosterPhotos.recordId, rosterRecords.id), eq(rosterPhotos.status, "submitted")))
    .where(inArray(rosterRecords.id, recordIds));
  await approvePhotos(tx, actor, { committeeId, items });
  await audit(tx, actor, "backfill.photo.approve", "committee", committeeId, { approved: items.map((i) => ({ recordId: i.id, photoId: i.photoId })) });
}

/** 一次性提交 (backfill.batch.submit) with the count the board shows. */
async function submitAll(tx: Db, actor: Actor, committeeId: string): Promise<{ batchId: string; batchNo: string }> {
  const [{ ready }] = await tx
    .select({ ready: count() })
    .from(rosterRecords)
    .where(and(eq(rosterRecords.committeeId, committeeId), eq(rosterRecords.status, "photo_approved" satisfies RosterStatus)));
  const b = await submitBatch(tx, actor, { committeeId, expectedCount: ready });
  await audit(tx, actor, "backfill.batch.submit", "roster_batch", b.batchId, { committeeId, batchNo: b.batchNo, count: b.count });
  return b;
}

/** 专技处确认 (backfill.batch.confirm) of a whole batch. */
async function confirm(tx: Db, actor: Actor, batchId: string): Promise<number> {
  const [batch] = await tx.select({ version: rosterBatches.version, recordCount: rosterBatches.recordCount }).from(rosterBatches).where(eq(rosterBatches.id, batchId));
  const input = { batchId, batchVersion: batch.version, expectedConfirmCount: batch.recordCount, expectedReturnCount: 0, ...CONFIRMATION };
  const r = await confirmBatch(tx, actor, input);
  await audit(tx, actor, "backfill.batch.confirm", "roster_batch", batchId, { ...r, approvalNo: input.approvalNo, issueDate: input.issueDate });
  return r.certificates;
}

export async function seedBackfillDemo(tx: Db, ctx: BackfillSeedContext): Promise<BackfillSeedSummary> {
  consented.clear();
  // The professionals' accounts, as registration leaves them (ID number as login, sensitive-data consent).
  const consentAt = new Date();
  const rows: NewUser[] = PEOPLE.map((p) => {
    const idNumber = p.first17 + idCheckChar(p.first17);
    return {
      role: "person", name: p.name, phone: p.phone, passwordHash: ctx.passwordHash, nationality: "中国", sensitiveConsentAt: consentAt,
      idType: "resident", idNumber, birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      gender: Number(idNumber[16]) % 2 === 1 ? "male" : "female",
    };
  });
  const inserted = await tx.insert(users).values(rows).returning({ id: users.id, idNumber: users.idNumber });
  const holders = new Map<string, Holder>();
  holders.set("zhangsan", { account: ctx.person, name: "张三", idNumber: DEMO_PERSON_ID, workUnit: "贵州省建筑设计研究院有限责任公司", style: ZHANG_SAN_STYLE });
  PEOPLE.forEach((p, i) => {
    const actor: Actor = { id: inserted[i].id, role: "person", orgId: null, orgIsCertDivision: false };
    holders.set(p.key, { account: actor, name: p.name, idNumber: inserted[i].idNumber!, workUnit: p.workUnit, style: p.style });
  });
  holders.set("noaccount", { account: null, name: NO_ACCOUNT.name, idNumber: NO_ACCOUNT.first17 + idCheckChar(NO_ACCOUNT.first17), workUnit: NO_ACCOUNT.workUnit, style: null });

  const c001 = { id: ctx.committee001, actor: ctx.province, series: ENGINEERING };
  const c004 = { id: ctx.committee004, actor: ctx.selfUnit, series: "高校教师" };
  const photos = new Map<PortraitStyle, { source: Buffer }>();

  /** Enters and publishes the records, then each holder with an account uploads and submits a photo. */
  const round = async (specs: RecordSpec[]) => {
    const ids: string[] = [];
    for (const s of specs) ids.push(await createRecord(tx, c001, holders.get(s.holder)!, s));
    await publish(tx, ctx.province, c001.id, ids);
    for (const [i, s] of specs.entries()) {
      const h = holders.get(s.holder)!;
      // Pre-2020 records have no photo step: publishing already made them ready (docs/domain.md §3).
      if (h.account && h.style && needsPhoto(Number(s.passDate.slice(0, 4)))) await uploadAndSubmit(tx, h, ids[i], photos);
    }
    return ids;
  };

  // Batch 1: reviewed, submitted and confirmed: certificates issued.
  const first = await round(BATCH_CONFIRMED);
  await approve(tx, ctx.province, c001.id, first);
  const confirmed = await submitAll(tx, ctx.province, c001.id);
  const certificates = await confirm(tx, ctx.zjc, confirmed.batchId);

  // Batch 2: submitted, waiting for the 专技处.
  const second = await round(BATCH_WAITING);
  await approve(tx, ctx.province, c001.id, second);
  const waiting = await submitAll(tx, ctx.province, c001.id);

  // The next batch in progress: ready, to review, and one holder who has not uploaded.
  const third = await round(IN_PROGRESS);
  await approve(tx, ctx.province, c001.id, third.filter((_, i) => IN_PROGRESS[i].stage === "approved"));

  // Committee 004: 张三's record waiting for his photo.
  const lecturer = await createRecord(tx, c004, holders.get("zhangsan")!, ZHANG_SAN_AWAITING);
  await publish(tx, ctx.selfUnit, c004.id, [lecturer]);

  // 诚信档案: the 专技处 revokes one issued certificate for fraud (certificate.revoke, as the action writes it).
  const fraudHolder = holders.get(FRAUD_REVOCATION.holder)!;
  const [fraudCert] = await tx
    .select({ id: certificateTable.id })
    .from(certificateTable)
    .where(and(eq(certificateTable.idNumber, fraudHolder.idNumber), eq(certificateTable.status, "valid")));
  const revoked = await revokeCertificateWithRecord(tx, ctx.zjc, { certificateId: fraudCert.id, kind: "fraud", reason: FRAUD_REVOCATION.reason, documentNo: FRAUD_REVOCATION.documentNo });
  await audit(tx, ctx.zjc, "certificate.revoke", "certificate", fraudCert.id, {
    certNo: revoked.certificate.certNo, version: revoked.certificate.version, kind: "fraud", reason: FRAUD_REVOCATION.reason,
    documentNo: FRAUD_REVOCATION.documentNo, integrityRecordId: revoked.integrity!.id, revokedAt: revoked.integrity!.revokedAt, barUntil: revoked.integrity!.barUntil,
  });

  return { people: PEOPLE.length, certificates, confirmedBatchNo: confirmed.batchNo, waitingBatchNo: waiting.batchNo };
}
