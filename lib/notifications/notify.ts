import { and, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications, rosterRecords } from "@/db/schema";
import { getPersonIdentity, isHolderOf } from "@/lib/identity/holder";
import { NOTIFICATION_KIND_LABELS } from "./constants";

type RecordRef = { name: string; qualificationName: string };

/**
 * The in-app messages of the back-fill (docs/domain.md §3). A person's message carries only recordId: the
 * person's inbox is every message of a record whose ID type, number and name equal the account's, so a
 * professional who registers after the fact still sees the whole history. A committee's message
 * carries its forming organisation (orgId).
 */
export const personMessages = {
  photoApproved: (r: RecordRef) => `您的“${r.qualificationName}”证书补录照片已审核通过，等待评委会组建单位统一提交省人社厅专技处确认。`,
  photoRejected: (reason: string) => (r: RecordRef) => `您的“${r.qualificationName}”证书补录照片未通过审核，原因：${reason}。请重新上传照片。`,
  submitted: (batchNo: string) => (r: RecordRef) => `您的“${r.qualificationName}”证书信息已由评委会组建单位提交省人社厅专技处确认（批次 ${batchNo}）。`,
  confirmed: (r: RecordRef) => `您的“${r.qualificationName}”证书已由省人社厅专技处确认发放，可在“职称证书查询”中查看和下载。`,
  returned: (reason: string) => (r: RecordRef) => `您的“${r.qualificationName}”证书信息被省人社厅专技处退回评委会组建单位处理，原因：${reason}。`,
  returnFixed: (r: RecordRef) => `评委会组建单位已处理您的“${r.qualificationName}”证书退回意见，将重新提交确认。`,
  newPhotoRequested: (reason: string) => (r: RecordRef) => `评委会组建单位请您重新上传“${r.qualificationName}”证书照片，原因：${reason}。`,
  revoked: (reason: string) => (r: RecordRef) => `您的“${r.qualificationName}”证书已被撤销，原因：${reason}。`,
  /** `bar`: the 诚信档案 notice of lib/integrity/rules.ts (reason and the day the person may declare again). */
  revokedForFraud: (reason: string, documentNo: string, bar: string) => (r: RecordRef) =>
    `您的“${r.qualificationName}”证书因弄虚作假已被撤销（${documentNo}），原因：${reason}。${bar}。`,
  corrected: (version: number, reason: string) => (r: RecordRef) => `您的“${r.qualificationName}”证书已更正并发放第${version}版，原因：${reason}。`,
};

/** Messages to the committee's forming organisation (one per returned record, one per processed batch). */
export async function notifyCommitteeOrg(
  tx: Db,
  orgId: string,
  messages: { kind: string; message: string; recordId?: string | null }[],
  at = new Date(),
): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < messages.length; i += CHUNK) {
    await tx.insert(notifications).values(messages.slice(i, i + CHUNK).map((m) => ({ orgId, recordId: m.recordId ?? null, kind: m.kind, message: m.message, createdAt: at })));
  }
}

export type NotificationRow = { id: number; kind: string; kindLabel: string; message: string; createdAt: Date; read: boolean };

/**
 * A person's messages: addressed to the account, or about a roster record the account holds (same ID
 * type, number and name — identity binding, docs/domain.md §11).
 */
async function personInboxCondition(db: Db, userId: string): Promise<SQL> {
  const doc = await getPersonIdentity(db, userId);
  const own = eq(notifications.userId, userId);
  if (!doc) return own;
  const mine = (
    await db
      .select({ id: rosterRecords.id, name: rosterRecords.name })
      .from(rosterRecords)
      .where(and(eq(rosterRecords.idType, doc.idType), eq(rosterRecords.idNumber, doc.idNumber)))
  )
    .filter((r) => isHolderOf(doc, { ...doc, name: r.name }))
    .map((r) => r.id);
  if (mine.length === 0) return own;
  return or(own, and(isNull(notifications.orgId), isNull(notifications.userId), inArray(notifications.recordId, mine)))!;
}

function toRows(rows: { id: number; kind: string; message: string; createdAt: Date; readAt: Date | null }[]): NotificationRow[] {
  return rows.map((r) => ({ id: r.id, kind: r.kind, kindLabel: NOTIFICATION_KIND_LABELS[r.kind] ?? "通知", message: r.message, createdAt: r.createdAt, read: r.readAt !== null }));
}

async function listBy(db: Db, where: SQL, opts: { page: number; pageSize?: number; q?: string }) {
  const pageSize = opts.pageSize ?? 10;
  const q = opts.q?.trim();
  const cond = q ? and(where, sql`${notifications.message} ilike ${"%" + q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}`)! : where;
  const [rows, [{ total }], [{ unread }]] = await Promise.all([
    db
      .select({ id: notifications.id, kind: notifications.kind, message: notifications.message, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(cond)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((opts.page - 1) * pageSize),
    db.select({ total: count() }).from(notifications).where(cond),
    db.select({ unread: count() }).from(notifications).where(and(where, isNull(notifications.readAt))),
  ]);
  return { rows: toRows(rows), total, unread, pageSize };
}

export async function listPersonNotifications(db: Db, userId: string, opts: { page: number; pageSize?: number; q?: string }) {
  return listBy(db, await personInboxCondition(db, userId), opts);
}

export async function listOrgNotifications(db: Db, orgId: string, opts: { page: number; pageSize?: number; q?: string }) {
  return listBy(db, eq(notifications.orgId, orgId), opts);
}

export async function countUnreadPersonNotifications(db: Db, userId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(notifications).where(and(await personInboxCondition(db, userId), isNull(notifications.readAt)));
  return n;
}

export async function countUnreadOrgNotifications(db: Db, orgId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.orgId, orgId), isNull(notifications.readAt)));
  return n;
}

/** Marks every unread message of the inbox as read; returns how many changed. */
export async function markPersonNotificationsRead(tx: Db, userId: string): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(await personInboxCondition(tx, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function markOrgNotificationsRead(tx: Db, orgId: string): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.orgId, orgId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
