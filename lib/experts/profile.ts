import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { expertConflicts, expertPoolMembers, expertProfiles, users } from "@/db/schema";
import { NotFoundError, UserError } from "@/lib/errors";
import { ID_TYPE_LABELS, maskIdNumber } from "@/lib/validation/id-number";
import { CONFLICT_KIND_LABELS, CONFLICT_RELATION_LABELS } from "./constants";
import type { AddConflict, ExpertProfileData } from "./schemas";

/** The expert's profile form values, with the account's name and masked ID (read-only on the form). */
export async function getExpertProfile(db: Db, userId: string) {
  const [row] = await db
    .select({
      name: users.name,
      idType: users.idType,
      idNumber: users.idNumber,
      accountPhone: users.phone,
      title: expertProfiles.title,
      series: expertProfiles.series,
      specialty: expertProfiles.specialty,
      level: expertProfiles.level,
      workUnit: expertProfiles.workUnit,
      department: expertProfiles.department,
      phone: expertProfiles.phone,
      email: expertProfiles.email,
      updatedAt: expertProfiles.updatedAt,
    })
    .from(users)
    .leftJoin(expertProfiles, eq(expertProfiles.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const { idNumber, idType, accountPhone, ...rest } = row;
  return {
    ...rest,
    idLabel: idType ? `${ID_TYPE_LABELS[idType]} ${maskIdNumber(idNumber)}` : "—",
    phone: rest.phone ?? accountPhone ?? "",
  };
}

/**
 * Saves 个人信息维护 and refreshes the pool's copy (title, series, specialty, level, unit) in every pool
 * the expert is active or suspended in, so pool searches find the expert by what they now hold.
 */
export async function saveExpertProfile(tx: Db, userId: string, input: ExpertProfileData): Promise<{ pools: number }> {
  const values = {
    title: input.title,
    series: input.series,
    specialty: input.specialty,
    level: input.level,
    workUnit: input.workUnit,
    department: input.department || null,
    phone: input.phone,
    email: input.email || null,
    updatedAt: new Date(),
  };
  await tx.insert(expertProfiles).values({ userId, ...values }).onConflictDoUpdate({ target: expertProfiles.userId, set: values });
  const pools = await tx
    .update(expertPoolMembers)
    .set({ title: values.title, series: values.series, specialty: values.specialty, level: values.level, workUnit: values.workUnit })
    .where(and(eq(expertPoolMembers.userId, userId), inArray(expertPoolMembers.status, ["active", "suspended"])))
    .returning({ id: expertPoolMembers.id });
  return { pools: pools.length };
}

/** The expert's current 回避声明 entries; declared ID numbers leave masked. */
export async function listConflicts(db: Db, userId: string) {
  const rows = await db
    .select()
    .from(expertConflicts)
    .where(and(eq(expertConflicts.userId, userId), isNull(expertConflicts.removedAt)))
    .orderBy(asc(expertConflicts.createdAt));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: CONFLICT_KIND_LABELS[r.kind],
    relationLabel: CONFLICT_RELATION_LABELS[r.relation],
    subject:
      r.kind === "unit"
        ? `${r.unitName ?? ""}${r.unitCreditCode ? `（${r.unitCreditCode}）` : ""}`
        : `${r.personName ?? ""}（${r.personIdType ? ID_TYPE_LABELS[r.personIdType] : ""} ${maskIdNumber(r.personIdNumber)}）`,
    endDate: r.endDate,
    createdAt: r.createdAt,
  }));
}

/** Adds one 回避声明 entry; the same unit or person declared twice (still in force) is refused. */
export async function addConflict(tx: Db, userId: string, input: AddConflict): Promise<{ conflictId: string }> {
  const c = expertConflicts;
  const same =
    input.kind === "unit"
      ? and(eq(c.userId, userId), eq(c.kind, "unit"), eq(c.unitName, input.unitName), isNull(c.removedAt))
      : and(eq(c.userId, userId), eq(c.kind, "person"), eq(c.personIdType, input.personIdType), eq(c.personIdNumber, input.personIdNumber), isNull(c.removedAt));
  const [dup] = await tx.select({ id: c.id }).from(c).where(same).limit(1);
  if (dup) {
    const field = input.kind === "unit" ? "unitName" : "personIdNumber";
    throw new UserError("该回避对象已在声明中", { [field]: "该回避对象已在声明中" });
  }
  const [row] = await tx
    .insert(c)
    .values(
      input.kind === "unit"
        ? { userId, kind: "unit", relation: input.relation, endDate: input.endDate, unitName: input.unitName, unitCreditCode: input.unitCreditCode }
        : { userId, kind: "person", relation: input.relation, endDate: input.endDate, personName: input.personName, personIdType: input.personIdType, personIdNumber: input.personIdNumber },
    )
    .returning({ id: c.id });
  return { conflictId: row.id };
}

/** Removes one of the expert's own entries (kept with removed_at); another's or a removed one is 「记录不存在」. */
export async function removeConflict(tx: Db, userId: string, conflictId: string): Promise<void> {
  const rows = await tx
    .update(expertConflicts)
    .set({ removedAt: new Date() })
    .where(and(eq(expertConflicts.id, conflictId), eq(expertConflicts.userId, userId), isNull(expertConflicts.removedAt)))
    .returning({ id: expertConflicts.id });
  if (rows.length === 0) throw new NotFoundError("回避声明不存在或已删除");
}
