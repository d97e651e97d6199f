import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { expertPoolMembers, expertProfiles, roleGrants, type ExpertPoolMember } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { isHolderOf } from "@/lib/identity/holder";
import { assertPoolOrg, getInviteeIdentity, loadOwnedMember } from "./access";
import type { PoolMemberStatus } from "./constants";
import type { InviteExpert } from "./schemas";

type Actor = Pick<SessionUser, "id" | "role" | "orgId">;

export const DUPLICATE_MEMBER_MESSAGE = "该证件号码已在本专家库中（含待接受的邀请）";
export const INVITATION_NOT_FOUND = "邀请不存在或已处理";

/** 邀请专家 (docs/domain.md §13): one `invited` row in the actor's pool. */
export async function inviteExpert(tx: Db, user: Actor, input: InviteExpert): Promise<{ memberId: string }> {
  const orgId = assertPoolOrg(user);
  // ON CONFLICT DO NOTHING covers the partial unique index (one non-removed row per person and pool),
  // also against a concurrent invitation, without aborting the transaction its audit row belongs to.
  const [row] = await tx
    .insert(expertPoolMembers)
    .values({
      orgId,
      invitedName: input.name,
      idType: input.idType,
      idNumber: input.idNumber,
      invitedPhone: input.phone,
      title: input.title,
      series: input.series,
      specialty: input.specialty,
      level: input.level,
      workUnit: input.workUnit,
      invitedBy: user.id,
    })
    .onConflictDoNothing()
    .returning({ id: expertPoolMembers.id });
  if (!row) throw new UserError(DUPLICATE_MEMBER_MESSAGE, { idNumber: DUPLICATE_MEMBER_MESSAGE });
  return { memberId: row.id };
}

/** The pool's own expert grant: on its organisation, bound to no committee, term, round or position. */
function poolGrantOf(userId: string, orgId: string) {
  return and(
    eq(roleGrants.userId, userId),
    eq(roleGrants.role, "expert"),
    eq(roleGrants.orgId, orgId),
    isNull(roleGrants.committeeId),
    isNull(roleGrants.termId),
    isNull(roleGrants.roundId),
    isNull(roleGrants.position),
    eq(roleGrants.status, "active"),
  );
}

/** The expert grant of one pool (docs/architecture.md "Session and grants"): one grant per pool organisation. */
async function grantPoolExpert(tx: Db, userId: string, orgId: string, by: string | null): Promise<void> {
  const [existing] = await tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(poolGrantOf(userId, orgId))
    .limit(1);
  if (!existing) await tx.insert(roleGrants).values({ userId, role: "expert", orgId, createdBy: by });
}

async function revokePoolExpert(tx: Db, userId: string, orgId: string, by: string): Promise<number> {
  const rows = await tx
    .update(roleGrants)
    .set({ status: "revoked", revokedBy: by, revokedAt: new Date() })
    .where(poolGrantOf(userId, orgId))
    .returning({ id: roleGrants.id });
  return rows.length;
}

/** Which states each pool-side change may start from. */
const FROM: Record<"suspend" | "remove" | "reinstate", readonly PoolMemberStatus[]> = {
  suspend: ["active"],
  remove: ["invited", "active", "suspended"],
  reinstate: ["suspended"],
};
const TO = { suspend: "suspended", remove: "removed", reinstate: "active" } as const satisfies Record<keyof typeof FROM, PoolMemberStatus>;

/**
 * 暂停 / 移出 / 恢复 a member of the actor's pool, guarded on the version and state the user saw: of two
 * concurrent requests one wins, the other is told the state changed. Suspending or removing revokes
 * that pool's expert grant; reinstating gives it back.
 */
export async function changeMemberStatus(
  tx: Db,
  user: Actor,
  change: keyof typeof FROM,
  input: { memberId: string; version: number; reason?: string },
): Promise<{ member: ExpertPoolMember; grantsRevoked: number }> {
  const current = await loadOwnedMember(tx, user, input.memberId);
  const [member] = await tx
    .update(expertPoolMembers)
    .set({
      status: TO[change],
      reason: change === "reinstate" ? null : (input.reason ?? null),
      statusChangedBy: user.id,
      statusChangedAt: new Date(),
      version: sql`${expertPoolMembers.version} + 1`,
    })
    .where(and(eq(expertPoolMembers.id, current.id), eq(expertPoolMembers.version, input.version), inArray(expertPoolMembers.status, [...FROM[change]])))
    .returning();
  if (!member) throw new StaleStateError("该专家的状态已变化，请刷新后重试");
  let grantsRevoked = 0;
  if (member.userId) {
    if (change === "reinstate") await grantPoolExpert(tx, member.userId, member.orgId, user.id);
    else grantsRevoked = await revokePoolExpert(tx, member.userId, member.orgId, user.id);
  }
  return { member, grantsRevoked };
}

/**
 * 接受 / 谢绝 an invitation. Only the invited person may answer: the account's ID type, number and name
 * must match the invitation (`isHolderOf`); anyone else is told it does not exist. Accepting binds the
 * member to the account, makes it active, grants `expert` on the pool's organisation and starts the
 * profile from the invitation when the person has none (else refreshes the pool's copy from it).
 */
export async function respondToInvitation(tx: Db, userId: string, input: { memberId: string; accept: boolean }): Promise<ExpertPoolMember> {
  const identity = await getInviteeIdentity(tx, userId);
  const [invite] = await tx.select().from(expertPoolMembers).where(eq(expertPoolMembers.id, input.memberId)).limit(1).for("update");
  if (!invite || invite.status !== "invited" || !isHolderOf(identity, { idType: invite.idType, idNumber: invite.idNumber, name: invite.invitedName })) {
    throw new NotFoundError(INVITATION_NOT_FOUND);
  }
  const now = new Date();
  const [profile] = input.accept ? await tx.select().from(expertProfiles).where(eq(expertProfiles.userId, userId)).limit(1) : [];
  const copy = profile
    ? { title: profile.title, series: profile.series, specialty: profile.specialty, level: profile.level, workUnit: profile.workUnit }
    : {};
  const [member] = await tx
    .update(expertPoolMembers)
    .set(
      input.accept
        ? { status: "active", userId, acceptedAt: now, statusChangedBy: userId, statusChangedAt: now, version: sql`${expertPoolMembers.version} + 1`, ...copy }
        : { status: "removed", reason: "本人谢绝邀请", statusChangedBy: userId, statusChangedAt: now, version: sql`${expertPoolMembers.version} + 1` },
    )
    .where(and(eq(expertPoolMembers.id, invite.id), eq(expertPoolMembers.status, "invited")))
    .returning();
  if (!member) throw new NotFoundError(INVITATION_NOT_FOUND);
  if (!input.accept) return member;

  await grantPoolExpert(tx, userId, member.orgId, null);
  if (!profile && member.title && member.series && member.specialty && member.level && member.workUnit) {
    await tx.insert(expertProfiles).values({
      userId,
      title: member.title,
      series: member.series,
      specialty: member.specialty,
      level: member.level,
      workUnit: member.workUnit,
      phone: member.invitedPhone,
    });
  }
  return member;
}
