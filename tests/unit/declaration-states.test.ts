/**
 * The declaration state machine (lib/declarations/states.ts, docs/domain.md §16): every allowed move and the
 * refusals around it — wrong state, wrong office, a stage not on the route.
 */
import { describe, expect, it } from "vitest";
import { DECLARATION_STATUSES, type DeclarationStatus } from "@/db/schema/enums";
import {
  ACTOR_KINDS,
  acceptFrom,
  checkMove,
  canRequestWithdrawal,
  canWithdraw,
  holderOf,
  withdrawalHolder,
  resubmitTarget,
  routeFor,
  type ActorKind,
  type DeclarationMove,
  type DeclarationRoute,
  type DeclarationState,
} from "@/lib/declarations/states";

const FULL: DeclarationRoute = { routeDept: true, routeHrss: true, selfReview: false };
const NO_DEPT: DeclarationRoute = { routeDept: false, routeHrss: true, selfReview: false };
const NO_HRSS: DeclarationRoute = { routeDept: true, routeHrss: false, selfReview: false };
const SELF: DeclarationRoute = { routeDept: false, routeHrss: false, selfReview: true };

const st = (status: DeclarationStatus, route: DeclarationRoute = FULL, returnedFrom: DeclarationStatus | null = null): DeclarationState => ({ ...route, status, returnedFrom });
const as = (...k: ActorKind[]) => new Set<ActorKind>(k);

/** Every (state, actor) for which the move is allowed, over all states and single actor kinds. */
function allowed(move: DeclarationMove, route: DeclarationRoute): string[] {
  const out: string[] = [];
  for (const s of DECLARATION_STATUSES) for (const k of ACTOR_KINDS) if (checkMove(st(s, route), move, as(k)).ok) out.push(`${s}:${k}`);
  return out;
}

describe("routeFor", () => {
  it("a unit with a 主管部门 and a regional office that is not the forming organisation goes through both", () => {
    expect(routeFor({ unitOrgId: "u", unitSupervisorId: "d", regionalHrssId: "h", formingOrgId: "f" })).toEqual(FULL);
  });
  it("skips the 主管部门 when the unit has none", () => {
    expect(routeFor({ unitOrgId: "u", unitSupervisorId: null, regionalHrssId: "h", formingOrgId: "f" })).toEqual(NO_DEPT);
  });
  it("skips hrss_checked when the regional 人社部门 is the forming organisation", () => {
    expect(routeFor({ unitOrgId: "u", unitSupervisorId: "d", regionalHrssId: "f", formingOrgId: "f" })).toEqual(NO_HRSS);
  });
  it("a 自主评审单位 declaring to its own committee: no 主管部门 and no 人社部门 stage", () => {
    expect(routeFor({ unitOrgId: "gzu", unitSupervisorId: "jyt", regionalHrssId: "prov", formingOrgId: "gzu" })).toEqual(SELF);
  });
  it("a 主管部门 forming the committee does not examine twice", () => {
    expect(routeFor({ unitOrgId: "u", unitSupervisorId: "f", regionalHrssId: "h", formingOrgId: "f" })).toEqual({ routeDept: false, routeHrss: true, selfReview: false });
  });
});

describe("forward moves: exactly one (state, office) each", () => {
  it.each([
    ["unit_verify", FULL, ["submitted:unit"]],
    ["start_publicity", FULL, ["unit_verified:unit"]],
    ["unit_recommend", FULL, ["in_publicity:unit"]],
    ["dept_approve", FULL, ["unit_recommended:dept"]],
    ["dept_approve", NO_DEPT, []],
    ["dept_approve", SELF, []],
    ["hrss_check", FULL, ["dept_approved:hrss"]],
    ["hrss_check", NO_DEPT, ["unit_recommended:hrss"]],
    ["hrss_check", NO_HRSS, []],
    ["hrss_check", SELF, []],
    ["accept", FULL, ["hrss_checked:forming"]],
    ["accept", NO_HRSS, ["dept_approved:forming"]],
    ["accept", NO_DEPT, ["hrss_checked:forming"]],
    ["accept", SELF, ["unit_recommended:forming"]],
  ] as const)("%s on route %o", (move, route, expected) => {
    expect(allowed(move, route)).toEqual(expected);
  });

  it("the refusal says why: a stage off the route, the wrong state, the wrong office", () => {
    expect(checkMove(st("unit_recommended", NO_DEPT), "dept_approve", as("dept"))).toEqual({ ok: false, reason: "route" });
    expect(checkMove(st("submitted"), "dept_approve", as("dept"))).toEqual({ ok: false, reason: "state" });
    expect(checkMove(st("unit_recommended"), "dept_approve", as("unit", "hrss", "forming", "person"))).toEqual({ ok: false, reason: "actor" });
    expect(checkMove(st("dept_approved"), "accept", as("forming"))).toEqual({ ok: false, reason: "state" });
  });

  it("a self-reviewing unit is both unit and forming organisation: unit stages, then it accepts", () => {
    const both = as("unit", "forming");
    expect(checkMove(st("submitted", SELF), "unit_verify", both)).toEqual({ ok: true, to: "unit_verified" });
    expect(checkMove(st("in_publicity", SELF), "unit_recommend", both)).toEqual({ ok: true, to: "unit_recommended" });
    expect(checkMove(st("unit_recommended", SELF), "accept", both)).toEqual({ ok: true, to: "accepted" });
    expect(acceptFrom(SELF)).toBe("unit_recommended");
  });
});

describe("submit", () => {
  it("only the person, only from draft or returned", () => {
    expect(allowed("submit", FULL)).toEqual(["draft:person", "returned:person"]);
  });
  it("a draft goes to submitted", () => {
    expect(checkMove(st("draft"), "submit", as("person"))).toEqual({ ok: true, to: "submitted" });
  });
  it.each([
    ["submitted", false, "submitted"],
    ["unit_verified", false, "unit_verified"],
    ["in_publicity", false, "unit_verified"],
    ["unit_recommended", false, "unit_recommended"],
    ["dept_approved", false, "dept_approved"],
    ["hrss_checked", false, "hrss_checked"],
    ["dept_approved", true, "unit_verified"],
    ["hrss_checked", true, "unit_verified"],
  ] as const)("returned from %s (publicised field changed: %s) goes back to %s", (from, changed, to) => {
    expect(resubmitTarget({ status: "returned", returnedFrom: from }, changed)).toBe(to);
    expect(checkMove(st("returned", FULL, from), "submit", as("person"), { publicityChanged: changed })).toEqual({ ok: true, to });
  });
});

describe("withdraw", () => {
  it("free before unit_verified: draft, submitted, or returned by the unit's first check", () => {
    expect(allowed("withdraw", FULL)).toEqual(["draft:person", "submitted:person", "returned:person"]);
    expect(canWithdraw(st("returned", FULL, "submitted"))).toBe(true);
  });
  it.each(["unit_verified", "in_publicity", "unit_recommended", "dept_approved", "hrss_checked", "accepted"] as const)("refused once %s", (s) => {
    expect(checkMove(st(s), "withdraw", as("person"))).toEqual({ ok: false, reason: "state" });
  });
  it("refused for a declaration returned from a later stage", () => {
    expect(checkMove(st("returned", FULL, "dept_approved"), "withdraw", as("person"))).toEqual({ ok: false, reason: "state" });
  });
  it("nobody but the person withdraws", () => {
    expect(checkMove(st("submitted"), "withdraw", as("unit", "dept", "hrss", "forming", "system"))).toEqual({ ok: false, reason: "actor" });
  });
});

describe("withdrawal by request: after unit_verified, decided by the holder, never once in review", () => {
  it("the person asks from unit_verified to accepted, and for a declaration returned from those", () => {
    expect(allowed("request_withdrawal", FULL)).toEqual(["unit_verified:person", "in_publicity:person", "unit_recommended:person", "dept_approved:person", "hrss_checked:person", "accepted:person"]);
    expect(canRequestWithdrawal(st("returned", FULL, "dept_approved"))).toBe(true);
    expect(canRequestWithdrawal(st("returned", FULL, "submitted"))).toBe(false);
  });
  it("never once the review has begun, nor from a final state", () => {
    for (const s of ["in_review", "passed", "failed", "on_hold", "withdrawn", "rejected", "abandoned", "draft", "submitted"] as const) {
      expect(checkMove(st(s), "request_withdrawal", as("person")).ok, s).toBe(false);
    }
  });
  it("the holder decides: the unit, the 主管部门, the 人社部门, the forming organisation after acceptance, the returning office", () => {
    expect(allowed("approve_withdrawal", FULL)).toEqual(["unit_verified:unit", "in_publicity:unit", "unit_recommended:dept", "dept_approved:hrss", "hrss_checked:forming", "accepted:forming"]);
    expect(withdrawalHolder(st("returned", FULL, "unit_recommended"))).toBe("dept");
    expect(withdrawalHolder(st("unit_recommended", NO_DEPT))).toBe("hrss");
    expect(checkMove(st("accepted"), "approve_withdrawal", as("forming"))).toEqual({ ok: true, to: "withdrawn" });
    expect(checkMove(st("accepted"), "refuse_withdrawal", as("forming"))).toEqual({ ok: true, to: "accepted" });
    expect(checkMove(st("dept_approved"), "approve_withdrawal", as("dept", "unit"))).toEqual({ ok: false, reason: "actor" });
  });
});

describe("破格: accepted only with the approval", () => {
  const ex = (status: DeclarationStatus, route = FULL): DeclarationState => ({ ...st(status, route), exceptional: true });
  it("a 破格 declaration is not accepted by the ordinary 受理", () => {
    expect(checkMove(ex("hrss_checked"), "accept", as("forming"))).toEqual({ ok: false, reason: "exceptional" });
    expect(checkMove(ex("hrss_checked"), "accept_exceptional", as("forming"))).toEqual({ ok: true, to: "accepted" });
    expect(checkMove(ex("unit_recommended", SELF), "accept_exceptional", as("unit", "forming"))).toEqual({ ok: true, to: "accepted" });
  });
  it("the approval is for 破格 declarations only, by the forming organisation, at the acceptance state", () => {
    expect(checkMove(st("hrss_checked"), "accept_exceptional", as("forming"))).toEqual({ ok: false, reason: "state" });
    expect(checkMove(ex("hrss_checked"), "accept_exceptional", as("hrss"))).toEqual({ ok: false, reason: "actor" });
    expect(checkMove(ex("dept_approved"), "accept_exceptional", as("forming"))).toEqual({ ok: false, reason: "state" });
  });
});

describe("return and reject: the office holding the declaration", () => {
  it.each(["return", "reject"] as const)("%s on the full route", (move) => {
    expect(allowed(move, FULL)).toEqual([
      "submitted:unit",
      "unit_verified:unit",
      "in_publicity:unit",
      "unit_recommended:dept",
      "dept_approved:hrss",
      "hrss_checked:forming",
    ]);
  });
  it("without a 主管部门 the 人社部门 holds unit_recommended; in a self-review the unit (as forming organisation) does", () => {
    expect(holderOf(st("unit_recommended", NO_DEPT))).toBe("hrss");
    expect(holderOf(st("unit_recommended", SELF))).toBe("forming");
    expect(holderOf(st("dept_approved", NO_HRSS))).toBe("forming");
  });
  it("never after acceptance, a withdrawal or a final state", () => {
    for (const s of ["draft", "accepted", "returned", "withdrawn", "rejected", "abandoned", "in_review", "passed"] as const) {
      expect(checkMove(st(s), "return", as("unit", "dept", "hrss", "forming")).ok).toBe(false);
      expect(checkMove(st(s), "reject", as("unit", "dept", "hrss", "forming")).ok).toBe(false);
    }
  });
  it("an office that examined earlier may not return it later", () => {
    expect(checkMove(st("dept_approved"), "return", as("unit", "dept"))).toEqual({ ok: false, reason: "actor" });
  });
});

describe("abandon and the later states", () => {
  it("only the system abandons, only a returned declaration", () => {
    expect(allowed("abandon", FULL)).toEqual(["returned:system"]);
  });
  it("later states are declared: accepted → in_review by the forming organisation; in_review → passed/failed/on_hold/disqualified", () => {
    expect(allowed("start_review", FULL)).toEqual(["accepted:forming"]);
    expect(checkMove(st("in_review"), "pass", as("forming"))).toEqual({ ok: true, to: "passed" });
    expect(checkMove(st("in_review"), "fail", as("system"))).toEqual({ ok: true, to: "failed" });
    expect(checkMove(st("in_review"), "hold", as("forming"))).toEqual({ ok: true, to: "on_hold" });
    expect(checkMove(st("in_review"), "disqualify", as("forming"))).toEqual({ ok: true, to: "disqualified" });
    expect(checkMove(st("passed"), "publish_result", as("forming"))).toEqual({ ok: true, to: "result_publicity" });
    expect(checkMove(st("result_publicity"), "withhold", as("hrss"))).toEqual({ ok: true, to: "withheld" });
    expect(checkMove(st("result_publicity"), "confirm", as("person"))).toEqual({ ok: false, reason: "actor" });
  });
  it("no move leaves a final state", () => {
    for (const s of ["withdrawn", "rejected", "abandoned", "failed", "confirmed", "disqualified", "withheld"] as const) {
      expect(ACTOR_KINDS.flatMap((k) => (["submit", "withdraw", "unit_verify", "accept", "return", "reject", "abandon", "start_review", "pass"] as const).filter((m) => checkMove(st(s), m, as(k)).ok))).toEqual([]);
    }
  });
});
