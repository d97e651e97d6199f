import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, idDisputes, rosterPhotos, users } from "@/db/schema";
import type { IdDisputeStatus } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session";
import { ID_TYPE_LABELS, maskIdNumber } from "@/lib/validation/id-number";
import { DISPUTE_STATUS_LABELS, PROOF_CONTENT_TYPES } from "./constants";
import { assertDisputeExaminer } from "./guards";

export const maskPhone = (phone: string | null) => (phone && phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "—");

export type DisputeListRow = { id: string; status: IdDisputeStatus; statusLabel: string; claimedName: string; idLabel: string; createdAt: Date };

/** The disputes routed to the user's 人社部门, newest first; search by name or full ID number. */
export async function listRegionDisputes(
  db: Db,
  user: SessionUser,
  opts: { page: number; q?: string; status?: IdDisputeStatus; pageSize?: number },
): Promise<{ rows: DisputeListRow[]; total: number; pageSize: number }> {
  const pageSize = opts.pageSize ?? 20;
  if (user.role !== "hrss" || !user.orgId) return { rows: [], total: 0, pageSize };
  const q = opts.q?.trim();
  const conds: (SQL | undefined)[] = [eq(idDisputes.regionOrgId, user.orgId), opts.status ? eq(idDisputes.status, opts.status) : undefined];
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
    conds.push(or(ilike(idDisputes.claimedName, like), eq(idDisputes.claimedIdNumber, q.toUpperCase())));
  }
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: idDisputes.id, status: idDisputes.status, claimedName: idDisputes.claimedName, idType: idDisputes.claimedIdType, idNumber: idDisputes.claimedIdNumber, createdAt: idDisputes.createdAt })
      .from(idDisputes)
      .where(where)
      .orderBy(desc(idDisputes.createdAt), desc(idDisputes.id))
      .limit(pageSize)
      .offset((opts.page - 1) * pageSize),
    db.select({ total: count() }).from(idDisputes).where(where),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      status: r.status,
      statusLabel: DISPUTE_STATUS_LABELS[r.status],
      claimedName: r.claimedName,
      idLabel: `${ID_TYPE_LABELS[r.idType]} ${maskIdNumber(r.idNumber)}`,
      createdAt: r.createdAt,
    })),
    total,
    pageSize,
  };
}

export type AccountFacts = {
  label: string;
  name: string;
  username: string | null;
  status: string;
  maskedId: string;
  maskedPhone: string;
  registeredAt: Date;
  lastLoginAt: Date | null;
  photoUploads: number;
  auditedActions: number;
};

async function accountFacts(db: Db, userId: string, label: string): Promise<AccountFacts> {
  const [u] = await db
    .select({ name: users.name, username: users.username, status: users.status, idType: users.idType, idNumber: users.idNumber, phone: users.phone, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt })
    .from(users)
    .where(eq(users.id, userId));
  const [[{ photos }], [{ actions }]] = await Promise.all([
    db.select({ photos: count() }).from(rosterPhotos).where(eq(rosterPhotos.uploadedBy, userId)),
    db.select({ actions: count() }).from(auditLog).where(eq(auditLog.actorId, userId)),
  ]);
  const statusLabels: Record<string, string> = { active: "正常", pending: "待审核", disabled: "已停用", rejected: "已驳回" };
  return {
    label,
    name: u.name,
    username: u.username,
    status: statusLabels[u.status] ?? u.status,
    maskedId: u.idType && u.idNumber ? `${ID_TYPE_LABELS[u.idType]} ${maskIdNumber(u.idNumber)}` : "未绑定证件",
    maskedPhone: maskPhone(u.phone),
    registeredAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
    photoUploads: photos,
    auditedActions: actions,
  };
}

export type DisputeDetail = {
  id: string;
  status: IdDisputeStatus;
  statusLabel: string;
  claimedName: string;
  idLabel: string;
  statement: string;
  proofType: string;
  proofBytes: number;
  createdAt: Date;
  decisionReason: string | null;
  decidedAt: Date | null;
  filer: AccountFacts;
  occupant: AccountFacts;
};

/** One dispute for its examiner, with both accounts' facts (masked); NotFoundError for anyone else. */
export async function getDisputeForReview(db: Db, user: SessionUser, disputeId: string): Promise<DisputeDetail> {
  const d = await assertDisputeExaminer(db, user, disputeId);
  return {
    id: d.id,
    status: d.status,
    statusLabel: DISPUTE_STATUS_LABELS[d.status],
    claimedName: d.claimedName,
    idLabel: `${ID_TYPE_LABELS[d.claimedIdType]} ${maskIdNumber(d.claimedIdNumber)}`,
    statement: d.statement,
    proofType: d.proofType.toUpperCase(),
    proofBytes: d.proofBytes,
    createdAt: d.createdAt,
    decisionReason: d.decisionReason,
    decidedAt: d.decidedAt,
    filer: await accountFacts(db, d.filerId, "申诉人账号"),
    occupant: await accountFacts(db, d.occupantId, "占用证件号码的账号"),
  };
}

/** The proof file's bytes and content type (access already asserted by the caller). */
export async function getDisputeProof(db: Db, disputeId: string): Promise<{ data: Buffer; contentType: string; type: string } | null> {
  const [row] = await db.select({ data: idDisputes.proofData, type: idDisputes.proofType }).from(idDisputes).where(eq(idDisputes.id, disputeId)).limit(1);
  return row ? { data: row.data, contentType: PROOF_CONTENT_TYPES[row.type], type: row.type } : null;
}

export type FilerDisputeRow = { id: string; status: IdDisputeStatus; statusLabel: string; idLabel: string; createdAt: Date; decisionReason: string | null; decidedAt: Date | null };

/** The signed-in filer's own disputes (the banner of the person area). */
export async function listFilerDisputes(db: Db, userId: string): Promise<FilerDisputeRow[]> {
  const rows = await db
    .select({ id: idDisputes.id, status: idDisputes.status, idType: idDisputes.claimedIdType, idNumber: idDisputes.claimedIdNumber, createdAt: idDisputes.createdAt, decisionReason: idDisputes.decisionReason, decidedAt: idDisputes.decidedAt })
    .from(idDisputes)
    .where(eq(idDisputes.filerId, userId))
    .orderBy(desc(idDisputes.createdAt));
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    statusLabel: DISPUTE_STATUS_LABELS[r.status],
    idLabel: `${ID_TYPE_LABELS[r.idType]} ${maskIdNumber(r.idNumber)}`,
    createdAt: r.createdAt,
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt,
  }));
}
