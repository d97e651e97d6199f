import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, orgs } from "@/db/schema";
import type { CommitteeStatus } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { maskIdNumber } from "@/lib/validation/id-number";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { TITLE_LEVEL_LABELS, TITLE_LEVEL_RANK, type TitleLevel } from "./constants";
import type { RosterRecordData } from "./schemas";

export type RosterActor = Pick<SessionUser, "id" | "role" | "orgId">;

export type OwnedCommittee = {
  id: string;
  name: string;
  code: string;
  series: string;
  levelFrom: TitleLevel;
  levelTo: TitleLevel;
  status: CommitteeStatus;
  formingOrgId: string;
  formingOrgName: string;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** A user whose organisation may form committees (人社部门, 主管部门, 自主评审单位). */
export function isRosterManager(actor: RosterActor): actor is RosterActor & { orgId: string } {
  return COMMITTEE_FORMING_ROLES.includes(actor.role) && !!actor.orgId;
}

const committeeColumns = {
  id: committees.id,
  name: committees.name,
  code: committees.code,
  series: committees.series,
  levelFrom: committees.levelFrom,
  levelTo: committees.levelTo,
  status: committees.status,
  formingOrgId: committees.formingOrgId,
  formingOrgName: orgs.name,
};

/** The committees the actor's organisation formed: the only ones whose roster it may touch. */
export async function listOwnedCommittees(db: Db, actor: RosterActor): Promise<OwnedCommittee[]> {
  if (!isRosterManager(actor)) return [];
  return db
    .select(committeeColumns)
    .from(committees)
    .innerJoin(orgs, eq(orgs.id, committees.formingOrgId))
    .where(eq(committees.formingOrgId, actor.orgId))
    .orderBy(asc(committees.code));
}

/**
 * Throws ForbiddenError unless the committee exists and was formed by the actor's organisation.
 * Pass `lock` inside a transaction to serialise writers of one committee's roster (imports, entry).
 */
export async function assertCommitteeOwner(
  db: Db,
  actor: RosterActor,
  committeeId: string,
  opts: { lock?: boolean } = {},
): Promise<OwnedCommittee> {
  if (!isRosterManager(actor)) throw new ForbiddenError();
  if (!isUuid(committeeId)) throw new ForbiddenError("该评委会不属于您的单位");
  const query = db
    .select(committeeColumns)
    .from(committees)
    .innerJoin(orgs, eq(orgs.id, committees.formingOrgId))
    .where(and(eq(committees.id, committeeId), eq(committees.formingOrgId, actor.orgId)))
    .limit(1);
  const [row] = opts.lock ? await query.for("update", { of: committees }) : await query;
  if (!row) throw new ForbiddenError("该评委会不属于您的单位");
  return row;
}

/** Rules that depend on the committee: its series and level range (the committee may only certify those). */
export function committeeFieldErrors(
  committee: Pick<OwnedCommittee, "series" | "levelFrom" | "levelTo">,
  data: Pick<RosterRecordData, "series" | "level">): Record<string, string> {
  const errors: Record<string, string> = {};
  if (data.series !== committee.series) {
    errors.series = `本评委会只评审${committee.series}系列，不能录入${data.series}系列`;
  }
  const rank = TITLE_LEVEL_RANK[data.level];
  if (rank < TITLE_LEVEL_RANK[committee.levelFrom] || rank > TITLE_LEVEL_RANK[committee.levelTo]) {
    const range =
      committee.levelFrom === committee.levelTo
        ? TITLE_LEVEL_LABELS[committee.levelFrom]
        : `${TITLE_LEVEL_LABELS[committee.levelFrom]}至${TITLE_LEVEL_LABELS[committee.levelTo]}`;
    errors.level = `本评委会的评审级别为${range}，不能录入${TITLE_LEVEL_LABELS[data.level]}`;
  }
  return errors;
}

/**
 * An ID number of a committee's roster as this viewer may see it: in full to the committee's own
 * forming organisation (the data it uploaded or typed itself, which it must check row by row), masked
 * for everyone else (docs/domain.md §4, masking). Callers showing it in full write an audit row.
 */
export function rosterIdNumberFor(actor: RosterActor, committee: Pick<OwnedCommittee, "formingOrgId">, idNumber: string): { idNumber: string; unmasked: boolean } {
  const own = isRosterManager(actor) && actor.orgId === committee.formingOrgId;
  return own ? { idNumber, unmasked: true } : { idNumber: maskIdNumber(idNumber), unmasked: false };
}
