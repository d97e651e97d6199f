import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, rosterPhotos, rosterRecords, type RosterStatus } from "@/db/schema";
import type { ObtainMethod, PhotoStatus, TitleLevel } from "@/db/schema/enums";
import { getPersonIdentity, isHolderOf, type PersonIdentity } from "@/lib/identity/holder";
import { ID_TYPE_LABELS, maskIdNumber } from "@/lib/validation/id-number";

/**
 * 职称证书补录, the professional's side (docs/domain.md §3): the records whose normalised ID type,
 * number and name equal the account's (identity binding, docs/domain.md §11), once the committee has
 * published them (status ≠ draft).
 */

export type PersonDocument = PersonIdentity;

export type LatestPhoto = { id: string; status: PhotoStatus; rejectReason: string | null; createdAt: Date; decidedAt: Date | null };

export type PersonRecordRow = {
  id: string;
  version: number;
  status: RosterStatus;
  certNo: string;
  name: string;
  committeeName: string;
  series: string;
  specialty: string;
  qualificationName: string;
  level: TitleLevel;
  passYear: number;
  passDate: string;
  /** The newest upload, whatever its state. */
  photo: LatestPhoto | null;
  /** The committee's reason when the last reviewed photo was rejected and no new one has been submitted since. */
  rejection: { reason: string; at: Date | null } | null;
};

export async function getPersonDocument(db: Db, userId: string): Promise<PersonDocument | null> {
  return getPersonIdentity(db, userId);
}

const recordColumns = {
  id: rosterRecords.id,
  version: rosterRecords.version,
  status: rosterRecords.status,
  certNo: rosterRecords.certNo,
  name: rosterRecords.name,
  committeeName: committees.name,
  series: rosterRecords.series,
  specialty: rosterRecords.specialty,
  qualificationName: rosterRecords.qualificationName,
  level: rosterRecords.level,
  passYear: rosterRecords.passYear,
  passDate: rosterRecords.passDate,
};

/**
 * A holder's candidate records: same normalised ID type and number, published. The name is compared
 * in code afterwards (isHolderOf), with the normalisation SQL cannot express portably.
 */
function holderConditions(doc: PersonDocument) {
  return and(eq(rosterRecords.idType, doc.idType), eq(rosterRecords.idNumber, doc.idNumber), ne(rosterRecords.status, "draft"));
}

/** Newest photo per record, and the last committee decision if it was a rejection still standing. */
async function photoSummaries(db: Db, records: { id: string; status: RosterStatus }[]) {
  const out = new Map<string, Pick<PersonRecordRow, "photo" | "rejection">>();
  if (records.length === 0) return out;
  const photos = await db
    .select({
      id: rosterPhotos.id,
      recordId: rosterPhotos.recordId,
      status: rosterPhotos.status,
      rejectReason: rosterPhotos.rejectReason,
      createdAt: rosterPhotos.createdAt,
      decidedAt: rosterPhotos.decidedAt,
    })
    .from(rosterPhotos)
    .where(inArray(rosterPhotos.recordId, records.map((r) => r.id)))
    .orderBy(desc(rosterPhotos.createdAt), desc(rosterPhotos.id));
  for (const r of records) {
    const mine = photos.filter((p) => p.recordId === r.id);
    const latest = mine[0] ?? null;
    // The last photo the committee saw or decided on; a rejection stands while the record waits for a photo.
    const lastReviewed = mine.find((p) => p.status === "submitted" || p.status === "approved" || p.status === "rejected");
    const rejection =
      r.status === "awaiting_photo" && lastReviewed?.status === "rejected"
        ? { reason: lastReviewed.rejectReason?.trim() || "评委会未填写原因", at: lastReviewed.decidedAt }
        : null;
    out.set(r.id, {
      photo: latest && { id: latest.id, status: latest.status, rejectReason: latest.rejectReason, createdAt: latest.createdAt, decidedAt: latest.decidedAt },
      rejection,
    });
  }
  return out;
}

export async function listPersonRecords(db: Db, userId: string): Promise<PersonRecordRow[]> {
  const doc = await getPersonDocument(db, userId);
  if (!doc) return [];
  const rows = await db
    .select(recordColumns)
    .from(rosterRecords)
    .innerJoin(committees, eq(committees.id, rosterRecords.committeeId))
    .where(holderConditions(doc))
    .orderBy(desc(rosterRecords.passYear), rosterRecords.certNo)
    .then((all) => all.filter((r) => isHolderOf(doc, { idType: doc.idType, idNumber: doc.idNumber, name: r.name })));
  const photos = await photoSummaries(db, rows);
  return rows.map((r) => ({ ...r, photo: null, rejection: null, ...photos.get(r.id) }));
}

export type PersonRecordDetail = PersonRecordRow & {
  gender: string;
  workUnit: string;
  obtainMethod: ObtainMethod;
  approvalNo: string;
  issuingAuthority: string;
  issueDate: string;
  idTypeLabel: string;
  maskedIdNumber: string;
  createdAt: Date;
};

/** One record of the holder, or null when it does not exist, is not theirs or is still a draft (the page says 404). */
export async function getPersonRecord(db: Db, userId: string, recordId: string): Promise<PersonRecordDetail | null> {
  const doc = await getPersonDocument(db, userId);
  if (!doc || !/^[0-9a-f-]{36}$/i.test(recordId)) return null;
  const [row] = await db
    .select({
      ...recordColumns,
      gender: rosterRecords.gender,
      workUnit: rosterRecords.workUnit,
      obtainMethod: rosterRecords.obtainMethod,
      approvalNo: rosterRecords.approvalNo,
      issuingAuthority: rosterRecords.issuingAuthority,
      issueDate: rosterRecords.issueDate,
      idType: rosterRecords.idType,
      idNumber: rosterRecords.idNumber,
      createdAt: rosterRecords.createdAt,
    })
    .from(rosterRecords)
    .innerJoin(committees, eq(committees.id, rosterRecords.committeeId))
    .where(and(eq(rosterRecords.id, recordId), holderConditions(doc)))
    .limit(1);
  if (!row || !isHolderOf(doc, row)) return null;
  const { idType, idNumber, ...rest } = row;
  const photos = await photoSummaries(db, [row]);
  return {
    ...rest,
    photo: null,
    rejection: null,
    ...photos.get(row.id),
    idTypeLabel: ID_TYPE_LABELS[idType],
    maskedIdNumber: maskIdNumber(idNumber),
  };
}

export type EmptyListDiagnosis = {
  kind: "no_document" | "name_mismatch" | "other_id_type" | "not_published" | "not_imported";
  title: string;
  advice: string[];
};

/**
 * Why the list is empty, in plain Chinese. Looks further than the list does (same number under
 * another ID type; a draft not yet published) but says only that such a record exists: nothing of
 * its content, which may be someone else's.
 */
export async function diagnoseEmptyPersonRecords(db: Db, userId: string): Promise<EmptyListDiagnosis> {
  const doc = await getPersonDocument(db, userId);
  if (!doc) {
    return {
      kind: "no_document",
      title: "您的账号未登记证件信息，无法匹配证书补录记录",
      advice: ["证书补录记录按证件类型和证件号码匹配。请使用本人证件注册的个人账号登录后再查看。"],
    };
  }
  const mine = `${ID_TYPE_LABELS[doc.idType]} ${maskIdNumber(doc.idNumber)}`;
  // Same document, another name: say so, but never the roster's name (it may be the real holder's).
  const sameDocument = await db
    .select({ name: rosterRecords.name })
    .from(rosterRecords)
    .where(and(eq(rosterRecords.idType, doc.idType), eq(rosterRecords.idNumber, doc.idNumber), ne(rosterRecords.status, "draft")));
  if (sameDocument.length > 0 && !sameDocument.some((r) => isHolderOf(doc, { ...doc, name: r.name }))) {
    return {
      kind: "name_mismatch",
      title: "名册中有与您证件号码相同但姓名不一致的记录",
      advice: [
        "名册中有与您证件号码相同但姓名不一致的记录，请联系评委会核对，或申请更正。",
        "证书补录记录须证件类型、证件号码和姓名都与您的账号一致才会显示。如果是您注册时姓名填写有误，请联系平台客服更正账号信息。",
      ],
    };
  }
  const [otherType] = await db
    .select({ id: rosterRecords.id })
    .from(rosterRecords)
    .where(and(eq(rosterRecords.idNumber, doc.idNumber), ne(rosterRecords.idType, doc.idType), ne(rosterRecords.status, "draft")))
    .limit(1);
  if (otherType) {
    return {
      kind: "other_id_type",
      title: "评委会名册中有与您证件号码相同、但证件类型不同的记录",
      advice: [
        `您注册时登记的证件是“${mine}”，而名册中的这条记录登记的是其他证件类型，所以没有显示在这里。`,
        `请联系您参加评审的职称评审委员会的组建单位（评委会办公室），请其将名册中的证件类型更正为“${ID_TYPE_LABELS[doc.idType]}”；更正并发布后，记录会自动出现在本页。`,
        "如果是您注册时选错了证件类型，请联系平台客服更正账号信息。",
      ],
    };
  }
  const [draft] = await db
    .select({ id: rosterRecords.id })
    .from(rosterRecords)
    .where(and(eq(rosterRecords.idType, doc.idType), eq(rosterRecords.idNumber, doc.idNumber), eq(rosterRecords.status, "draft")))
    .limit(1);
  if (draft) {
    return {
      kind: "not_published",
      title: "评委会正在整理名册，尚未发布",
      advice: ["评委会组建单位已录入您的信息，但名册还没有发布。发布后记录会自动出现在本页，届时即可上传照片，请稍后再查看。"],
    };
  }
  return {
    kind: "not_imported",
    title: "暂未找到与您证件匹配的证书补录记录",
    advice: [
      `系统按您注册时登记的证件“${mine}”查找名册，目前没有评委会导入或发布与该证件匹配的记录。`,
      "如果您参加的评委会尚未导入名册，请耐心等待，导入并发布后记录会自动出现在本页。",
      "如果评委会名册中登记的证件与您注册时填写的不一致（例如评审时使用的是护照或其他证件，或号码有误），请联系您参加评审的职称评审委员会的组建单位（评委会办公室）核对并更正名册。",
    ],
  };
}
