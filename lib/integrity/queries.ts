import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { certificates, integrityRecords, orgs } from "@/db/schema";
import type { IdType } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session-user";
import { ForbiddenError } from "@/lib/errors";
import { getPersonIdentity } from "@/lib/identity/holder";
import { getHrssSubtreeIds } from "@/lib/orgs/queries";
import { todayInChina } from "@/lib/roster/dates";
import { escapeLike, LIST_PAGE_SIZE } from "@/lib/roster/record-search";
import { ID_TYPE_LABELS, maskIdNumber, normalizeIdNumber } from "@/lib/validation/id-number";
import { integrityBarMessage, isBarredOn } from "./rules";

export type IntegrityBar = { barUntil: string; reason: string; documentNo: string | null; message: string };

/** The 诚信档案 bar in force for this ID document on `today` (the latest-ending one), or null. */
export async function integrityBar(db: Db, person: { idType: IdType | null; idNumber: string | null }, today = todayInChina()): Promise<IntegrityBar | null> {
  if (!person.idType || !person.idNumber) return null;
  const [row] = await db
    .select({ barUntil: integrityRecords.barUntil, reason: integrityRecords.reason, documentNo: integrityRecords.documentNo })
    .from(integrityRecords)
    .where(and(eq(integrityRecords.idType, person.idType), eq(integrityRecords.idNumber, person.idNumber), gte(integrityRecords.barUntil, today)))
    .orderBy(desc(integrityRecords.barUntil))
    .limit(1);
  return row ? { ...row, message: integrityBarMessage(row) } : null;
}

/** The bar of the signed-in person (by the account's ID document), or null. */
export async function personIntegrityBar(db: Db, userId: string, today = todayInChina()): Promise<IntegrityBar | null> {
  const doc = await getPersonIdentity(db, userId);
  return doc ? integrityBar(db, { idType: doc.idType, idNumber: doc.idNumber }, today) : null;
}

type Viewer = Pick<SessionUser, "role" | "orgId">;

/**
 * The records a 人社部门 sees, as one SQL condition (undefined: all). A province-level office (the
 * 厅, the 专技处) sees every record; a city or county bureau those of its region tree. Anyone else is refused.
 */
export async function integrityScope(db: Db, viewer: Viewer): Promise<SQL | undefined> {
  if (viewer.role !== "hrss" || !viewer.orgId) throw new ForbiddenError("仅人社部门可以查看诚信档案");
  const [org] = await db.select({ kind: orgs.kind, level: orgs.level }).from(orgs).where(eq(orgs.id, viewer.orgId));
  if (!org || org.kind !== "hrss") throw new ForbiddenError("仅人社部门可以查看诚信档案");
  if (org.level === "province") return undefined;
  return inArray(integrityRecords.regionOrgId, await getHrssSubtreeIds(db, viewer.orgId));
}

export const INTEGRITY_STATES = ["active", "expired"] as const;
export type IntegrityState = (typeof INTEGRITY_STATES)[number];
export const INTEGRITY_STATE_LABELS: Record<IntegrityState, string> = { active: "限制申报中", expired: "已期满" };

export type IntegrityListRow = {
  id: string;
  name: string;
  idTypeLabel: string;
  idNumberMasked: string;
  reason: string;
  documentNo: string | null;
  revokedAt: string;
  barUntil: string;
  state: IntegrityState;
  certificateId: string | null;
  certNo: string | null;
  qualificationName: string | null;
  regionName: string | null;
  recordedByName: string | null;
};

/** 诚信档案 of the viewer's region, newest first; search by name (contains) or a full ID number. */
export async function listIntegrityRecords(
  db: Db,
  viewer: Viewer,
  opts: { q?: string; state?: IntegrityState; page: number; pageSize?: number; today?: string },
): Promise<{ rows: IntegrityListRow[]; total: number; pageSize: number }> {
  const pageSize = opts.pageSize ?? LIST_PAGE_SIZE;
  const today = opts.today ?? todayInChina();
  const conds: (SQL | undefined)[] = [await integrityScope(db, viewer)];
  if (opts.state === "active") conds.push(gte(integrityRecords.barUntil, today));
  if (opts.state === "expired") conds.push(lt(integrityRecords.barUntil, today));
  const q = opts.q?.trim();
  if (q) conds.push(or(ilike(integrityRecords.name, `%${escapeLike(q)}%`), eq(integrityRecords.idNumber, normalizeIdNumber(q))));
  const where = and(...conds);
  const region = alias(orgs, "region");
  const recorder = alias(orgs, "recorder");
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: integrityRecords.id,
        name: integrityRecords.name,
        idType: integrityRecords.idType,
        idNumber: integrityRecords.idNumber,
        reason: integrityRecords.reason,
        documentNo: integrityRecords.documentNo,
        revokedAt: integrityRecords.revokedAt,
        barUntil: integrityRecords.barUntil,
        certificateId: integrityRecords.certificateId,
        certNo: certificates.certNo,
        qualificationName: certificates.qualificationName,
        regionName: region.name,
        recordedByName: recorder.name,
      })
      .from(integrityRecords)
      .leftJoin(certificates, eq(certificates.id, integrityRecords.certificateId))
      .leftJoin(region, eq(region.id, integrityRecords.regionOrgId))
      .leftJoin(recorder, eq(recorder.id, integrityRecords.recordedByOrgId))
      .where(where)
      .orderBy(desc(integrityRecords.createdAt), desc(integrityRecords.id))
      .limit(pageSize)
      .offset((Math.max(1, opts.page) - 1) * pageSize),
    db.select({ total: count() }).from(integrityRecords).where(where),
  ]);
  return {
    rows: rows.map(({ idType, idNumber, ...r }) => ({
      ...r,
      idTypeLabel: ID_TYPE_LABELS[idType],
      idNumberMasked: maskIdNumber(idNumber),
      state: isBarredOn(r.barUntil, today) ? "active" : "expired",
    })),
    total,
    pageSize,
  };
}

/** The record a fraud revocation wrote for this certificate (the 专技处's certificate page), or null. */
export async function getCertificateIntegrityRecord(db: Db, certificateId: string) {
  const [row] = await db
    .select({ documentNo: integrityRecords.documentNo, revokedAt: integrityRecords.revokedAt, barUntil: integrityRecords.barUntil })
    .from(integrityRecords)
    .where(eq(integrityRecords.certificateId, certificateId))
    .limit(1);
  return row ?? null;
}
