import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { expertPoolMembers, users, type ExpertPoolMember } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { NotFoundError, ForbiddenError } from "@/lib/errors";
import type { PersonIdentity } from "@/lib/identity/holder";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

type Actor = Pick<SessionUser, "role" | "orgId">;

/**
 * The pool the actor manages: its active grant's organisation, when that grant's role forms committees
 * (docs/domain.md §13). Anything else is refused.
 */
export function assertPoolOrg(user: Actor): string {
  if (!COMMITTEE_FORMING_ROLES.includes(user.role) || !user.orgId) throw new ForbiddenError();
  return user.orgId;
}

/**
 * A member of the actor's own pool, locked for the change. Another organisation's member answers
 * 「专家不存在」, exactly as a missing one: its existence is not revealed.
 */
export async function loadOwnedMember(tx: Db, user: Actor, memberId: string): Promise<ExpertPoolMember> {
  const orgId = assertPoolOrg(user);
  const [row] = await tx
    .select()
    .from(expertPoolMembers)
    .where(and(eq(expertPoolMembers.id, memberId), eq(expertPoolMembers.orgId, orgId)))
    .limit(1)
    .for("update");
  if (!row) throw new NotFoundError("专家不存在");
  return row;
}

/**
 * Who an account is, for matching invitations (docs/domain.md §11 via lib/identity/holder.ts's
 * `isHolderOf`): an active account with an ID document, whatever grant it acts under — an expert of one
 * pool is invited to another while acting as an expert.
 */
export async function getInviteeIdentity(db: Db, userId: string): Promise<PersonIdentity | null> {
  const [row] = await db
    .select({ idType: users.idType, idNumber: users.idNumber, name: users.name, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.status !== "active" || !row.idType || !row.idNumber) return null;
  return { idType: row.idType, idNumber: row.idNumber, name: row.name };
}
