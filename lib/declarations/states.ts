/**
 * The declaration state machine (docs/domain.md §16, EVALUATION §3 and §7). Pure: no database, no session.
 *
 * Route of one declaration (fixed at each submission):
 *   draft → submitted → unit_verified → in_publicity → unit_recommended
 *     → dept_approved   (only when routeDept: the unit has a 主管部门 and it is not a self-review)
 *     → hrss_checked    (only when routeHrss: the regional 人社部门 is not the forming organisation)
 *     → accepted        (the forming organisation; in a self-review the unit itself)
 * Any examiner holding the declaration may return it (一次性告知) or reject it (final). The person may
 * withdraw before unit_verified; from unit_verified to accepted only by a request the holding office approves
 * (request_withdrawal → approve_withdrawal | refuse_withdrawal); from in_review on not at all. A 破格
 * declaration (exceptional) is accepted only by accept_exceptional, the forming organisation's explicit
 * approval. A returned declaration past its notice's deadline is abandoned.
 * in_review and later are declared here and moved by the review-round issues.
 */
import type { DeclarationStatus } from "@/db/schema/enums";

/** Who acts: the applicant, the offices of the route, or the system (deadlines). */
export const ACTOR_KINDS = ["person", "unit", "dept", "hrss", "forming", "system"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const DECLARATION_MOVES = [
  "submit",
  "withdraw",
  "unit_verify",
  "start_publicity",
  "unit_recommend",
  "dept_approve",
  "hrss_check",
  "accept",
  /** 批准破格并受理: the acceptance of a 破格 declaration, with the forming organisation's approval. */
  "accept_exceptional",
  "return",
  "reject",
  "abandon",
  /** 申请撤回 (after unit_verified) and the holding office's decision on it. */
  "request_withdrawal",
  "approve_withdrawal",
  "refuse_withdrawal",
  // Declared for the review-round issues; no transition function moves them yet.
  "start_review",
  "pass",
  "fail",
  "hold",
  "disqualify",
  "publish_result",
  "confirm",
  "withhold",
] as const;
export type DeclarationMove = (typeof DECLARATION_MOVES)[number];

export type DeclarationRoute = { routeDept: boolean; routeHrss: boolean; selfReview: boolean };
/** What the machine needs to know of one declaration (`exceptional`: a 破格 declaration, fixed at submission). */
export type DeclarationState = DeclarationRoute & { status: DeclarationStatus; returnedFrom: DeclarationStatus | null; exceptional?: boolean };

/** States no move leaves (withdrawn, rejected, abandoned, and the final results). */
export const FINAL_STATUSES = ["withdrawn", "rejected", "abandoned", "failed", "confirmed", "disqualified", "withheld"] as const satisfies readonly DeclarationStatus[];
/** States that end a declaration for its batch: a new one may be started (the partial unique index). */
export const INACTIVE_STATUSES = ["withdrawn", "rejected", "abandoned"] as const satisfies readonly DeclarationStatus[];
/** The states of the examination before acceptance, in order. */
export const EXAMINATION_STATUSES = ["submitted", "unit_verified", "in_publicity", "unit_recommended", "dept_approved", "hrss_checked"] as const satisfies readonly DeclarationStatus[];
export type ExaminationStatus = (typeof EXAMINATION_STATUSES)[number];

/** Route for a unit (or 申报点) declaring to a committee (EVALUATION §7 "Who examines"). */
export function routeFor(input: { unitOrgId: string; unitSupervisorId: string | null; regionalHrssId: string | null; formingOrgId: string }): DeclarationRoute {
  const selfReview = input.unitOrgId === input.formingOrgId;
  return {
    selfReview,
    routeDept: !selfReview && input.unitSupervisorId !== null && input.unitSupervisorId !== input.formingOrgId,
    routeHrss: !selfReview && input.regionalHrssId !== null && input.regionalHrssId !== input.formingOrgId,
  };
}

/** The status from which the forming organisation accepts, for this route. */
export function acceptFrom(r: DeclarationRoute): DeclarationStatus {
  if (r.routeHrss) return "hrss_checked";
  if (r.routeDept) return "dept_approved";
  return "unit_recommended";
}

/** Who holds a declaration in an examination state: the office whose move is next (null: nobody, e.g. final). */
export function holderOf(s: Pick<DeclarationState, "status"> & DeclarationRoute): ActorKind | null {
  switch (s.status) {
    case "submitted":
    case "unit_verified":
    case "in_publicity":
      return "unit";
    case "unit_recommended":
      return s.routeDept ? "dept" : s.routeHrss ? "hrss" : "forming";
    case "dept_approved":
      return s.routeHrss ? "hrss" : "forming";
    case "hrss_checked":
      return "forming";
    case "draft":
    case "returned":
      return "person";
    default:
      return null;
  }
}

/** The forward move of each examination office, with its from → to for this route (null: not on the route). */
export function forwardMove(move: DeclarationMove, r: DeclarationRoute): { actor: ActorKind; from: DeclarationStatus; to: DeclarationStatus } | null {
  switch (move) {
    case "unit_verify":
      return { actor: "unit", from: "submitted", to: "unit_verified" };
    case "start_publicity":
      return { actor: "unit", from: "unit_verified", to: "in_publicity" };
    case "unit_recommend":
      return { actor: "unit", from: "in_publicity", to: "unit_recommended" };
    case "dept_approve":
      return r.routeDept ? { actor: "dept", from: "unit_recommended", to: "dept_approved" } : null;
    case "hrss_check":
      return r.routeHrss ? { actor: "hrss", from: r.routeDept ? "dept_approved" : "unit_recommended", to: "hrss_checked" } : null;
    case "accept":
      return { actor: "forming", from: acceptFrom(r), to: "accepted" };
    default:
      return null;
  }
}

/** Whether a withdrawal is free: before unit_verified (a draft, a submission, or a return from the unit's first check). */
export function canWithdraw(s: DeclarationState): boolean {
  return s.status === "draft" || s.status === "submitted" || (s.status === "returned" && (s.returnedFrom === null || s.returnedFrom === "submitted"));
}

/** The states from which a withdrawal needs the holder's approval: after the unit's check, before the review. */
const WITHDRAWAL_REQUEST_STATUSES = ["unit_verified", "in_publicity", "unit_recommended", "dept_approved", "hrss_checked", "accepted"] as const satisfies readonly DeclarationStatus[];

/**
 * Whether the person may ask to withdraw (EVALUATION §7 "Declarations": free before unit_verified, then with the
 * holder's approval, impossible once the ballot opens — for now from in_review on). A declaration returned from
 * one of those states counts as that state: the office that returned it decides.
 */
export function canRequestWithdrawal(s: Pick<DeclarationState, "status" | "returnedFrom">): boolean {
  const at = s.status === "returned" ? s.returnedFrom : s.status;
  return at !== null && (WITHDRAWAL_REQUEST_STATUSES as readonly DeclarationStatus[]).includes(at);
}

/** The office deciding a withdrawal request: the one holding the declaration (for a return, the one that returned it). */
export function withdrawalHolder(s: Pick<DeclarationState, "status" | "returnedFrom"> & DeclarationRoute): ActorKind | null {
  if (!canRequestWithdrawal(s)) return null;
  const status = s.status === "returned" ? s.returnedFrom! : s.status;
  return status === "accepted" ? "forming" : holderOf({ ...s, status });
}

/** The states a return or rejection may come from (the examination before acceptance). */
export function isExamination(status: DeclarationStatus): status is ExaminationStatus {
  return (EXAMINATION_STATUSES as readonly DeclarationStatus[]).includes(status);
}

export type MoveCheck = { ok: true; to: DeclarationStatus } | { ok: false; reason: "state" | "actor" | "route" | "exceptional" };

/**
 * May an actor of these kinds make this move now? `kinds`: what the actor is for this declaration (a
 * 自主评审单位 in a self-review is both `unit` and `forming`). `publicityChanged` (submit only): a field
 * shown in the 公示 changed since the return, so the declaration goes back to unit_verified (a new 公示).
 */
export function checkMove(s: DeclarationState, move: DeclarationMove, kinds: ReadonlySet<ActorKind>, opts: { publicityChanged?: boolean } = {}): MoveCheck {
  const is = (k: ActorKind) => kinds.has(k);
  switch (move) {
    case "submit": {
      if (s.status !== "draft" && s.status !== "returned") return { ok: false, reason: "state" };
      if (!is("person")) return { ok: false, reason: "actor" };
      return { ok: true, to: resubmitTarget(s, !!opts.publicityChanged) };
    }
    case "withdraw":
      if (!canWithdraw(s)) return { ok: false, reason: "state" };
      return is("person") ? { ok: true, to: "withdrawn" } : { ok: false, reason: "actor" };
    case "request_withdrawal":
      // The request itself changes no status; the approval does.
      if (!canRequestWithdrawal(s)) return { ok: false, reason: "state" };
      return is("person") ? { ok: true, to: s.status } : { ok: false, reason: "actor" };
    case "approve_withdrawal":
    case "refuse_withdrawal": {
      const holder = withdrawalHolder(s);
      if (!holder) return { ok: false, reason: "state" };
      if (!is(holder)) return { ok: false, reason: "actor" };
      return { ok: true, to: move === "approve_withdrawal" ? "withdrawn" : s.status };
    }
    case "abandon":
      if (s.status !== "returned") return { ok: false, reason: "state" };
      return is("system") ? { ok: true, to: "abandoned" } : { ok: false, reason: "actor" };
    case "return":
    case "reject": {
      // The office holding the declaration returns or rejects it; in_publicity only after the 公示 (the unit).
      if (!isExamination(s.status)) return { ok: false, reason: "state" };
      const holder = holderOf(s);
      if (!holder || !is(holder)) return { ok: false, reason: "actor" };
      return { ok: true, to: move === "return" ? "returned" : "rejected" };
    }
    case "unit_verify":
    case "start_publicity":
    case "unit_recommend":
    case "dept_approve":
    case "hrss_check":
    case "accept":
    case "accept_exceptional": {
      const fwd = forwardMove(move === "accept_exceptional" ? "accept" : move, s);
      if (!fwd) return { ok: false, reason: "route" };
      if (s.status !== fwd.from) return { ok: false, reason: "state" };
      if (!is(fwd.actor)) return { ok: false, reason: "actor" };
      // A 破格 declaration is accepted only with the explicit approval, and only a 破格 one needs it.
      if (move === "accept" && s.exceptional) return { ok: false, reason: "exceptional" };
      if (move === "accept_exceptional" && !s.exceptional) return { ok: false, reason: "state" };
      return { ok: true, to: fwd.to };
    }
    case "start_review":
      return s.status === "accepted" ? (is("forming") ? { ok: true, to: "in_review" } : { ok: false, reason: "actor" }) : { ok: false, reason: "state" };
    case "pass":
    case "fail":
    case "hold":
    case "disqualify": {
      if (s.status !== "in_review") return { ok: false, reason: "state" };
      if (!is("forming") && !is("system")) return { ok: false, reason: "actor" };
      const to: Record<typeof move, DeclarationStatus> = { pass: "passed", fail: "failed", hold: "on_hold", disqualify: "disqualified" };
      return { ok: true, to: to[move] };
    }
    case "publish_result":
      if (s.status !== "passed") return { ok: false, reason: "state" };
      return is("forming") ? { ok: true, to: "result_publicity" } : { ok: false, reason: "actor" };
    case "confirm":
    case "withhold":
      if (s.status !== "result_publicity") return { ok: false, reason: "state" };
      return is("forming") || is("hrss") ? { ok: true, to: move === "confirm" ? "confirmed" : "withheld" } : { ok: false, reason: "actor" };
  }
}

/**
 * Where a (re)submission goes: a draft, or a return from the unit's first check, to `submitted`; any other
 * return back to the office that returned it — except that a change to a field shown in the 公示 made after
 * the 公示 restarts it (back to unit_verified, EVALUATION §7 "Declarations").
 */
export function resubmitTarget(s: Pick<DeclarationState, "status" | "returnedFrom">, publicityChanged: boolean): DeclarationStatus {
  if (s.status === "draft" || !s.returnedFrom) return "submitted";
  const from = s.returnedFrom;
  if (from === "submitted" || from === "unit_verified") return from;
  if (from === "in_publicity") return "unit_verified";
  // Past the 公示: a publicised change restarts it.
  return publicityChanged ? "unit_verified" : from;
}

/** Which stamp column a status sets when first reached (visibility reads them). */
export const REACHED_STAMP = {
  submitted: "submittedAt",
  unit_verified: "unitVerifiedAt",
  in_publicity: "publicityStartedAt",
  unit_recommended: "unitRecommendedAt",
  dept_approved: "deptApprovedAt",
  hrss_checked: "hrssCheckedAt",
  accepted: "acceptedAt",
} as const satisfies Partial<Record<DeclarationStatus, string>>;

/** Whether `to` puts the declaration in the forming organisation's acceptance queue. */
export function entersFormingQueue(to: DeclarationStatus, r: DeclarationRoute): boolean {
  return to === acceptFrom(r);
}
