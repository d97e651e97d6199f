import { describe, expect, it } from "vitest";
import type { TitleLevel } from "@/db/schema/enums";
import { routeFiling } from "@/lib/filings/routing";
import { displayStatus } from "@/lib/filings/constants";
import { examinerStage } from "@/lib/filings/filings";
import { checkTermMembers, maxEndDate, minMembersFor, periodError, type TermCandidate } from "@/lib/terms/rules";

const senior = { series: "高校教师", levelFrom: "intermediate" as TitleLevel, levelTo: "senior_full" as TitleLevel };

function list(n: number, over: (i: number) => Partial<TermCandidate> = () => ({})): TermCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    userId: `u${i}`,
    name: `专家${i}`,
    series: "高校教师",
    level: "senior_deputy",
    position: i === 0 ? "chair" : "member",
    ...over(i),
  }));
}
const rules = (members: TermCandidate[], committee = senior, scope: "series" | "specialty" = "series") => checkTermMembers(committee, scope, members).map((b) => b.rule);

describe("committee term member list (docs/domain.md §14)", () => {
  it("a 高级 committee formed by series accepts 25 members with one 主任委员", () => {
    expect(rules(list(25))).toEqual([]);
  });
  it("24 members break both the odd size and the 高级 minimum of 25, and say so in Chinese", () => {
    const breaks = checkTermMembers(senior, "series", list(24));
    expect(breaks.map((b) => b.rule)).toEqual(["size_odd", "size_min"]);
    expect(breaks[1].message).toBe("高级评委会按系列组建至少25人，当前为24人");
  });
  it("23 members are odd but below the minimum", () => {
    expect(rules(list(23))).toEqual(["size_min"]);
  });
  it("an even list above the minimum is refused for its size alone", () => {
    expect(rules(list(26))).toEqual(["size_odd"]);
  });
  it("minimums follow the level and scope: 高级 25/11, 中级 15/7, 初级 7", () => {
    expect(minMembersFor("senior_deputy", "senior_full", "series")).toBe(25);
    expect(minMembersFor("senior_deputy", "senior_full", "specialty")).toBe(11);
    expect(minMembersFor("intermediate", "intermediate", "series")).toBe(15);
    expect(minMembersFor("intermediate", "intermediate", "specialty")).toBe(7);
    expect(minMembersFor("assistant", "junior", "series")).toBe(7);
    expect(rules(list(11), senior, "specialty")).toEqual([]);
    expect(rules(list(9), senior, "specialty")).toEqual(["size_min"]);
  });
  it("a member below the lowest level reviewed, or of another series, is refused by name", () => {
    const breaks = checkTermMembers(senior, "series", list(25, (i) => (i === 3 ? { level: "assistant", name: "低职称" } : i === 4 ? { series: "工程技术", name: "外系列" } : {})));
    expect(breaks.map((b) => b.rule)).toEqual(["title"]);
    expect(breaks[0].message).toContain("低职称、外系列");
  });
  it("a member at exactly the lowest level reviewed is accepted", () => {
    expect(rules(list(25, (i) => (i === 3 ? { level: "intermediate" } : {})))).toEqual([]);
  });
  it("the same person twice is refused", () => {
    expect(rules(list(25, (i) => (i === 5 ? { userId: "u4" } : {})))).toEqual(["duplicate"]);
  });
  it("two 主任委员, or none, are refused", () => {
    expect(rules(list(25, (i) => (i === 1 ? { position: "chair" } : {})))).toEqual(["chair"]);
    expect(rules(list(25, () => ({ position: "member" })))).toEqual(["chair"]);
  });
  it("a term or a filing lasts at most 3 years", () => {
    expect(maxEndDate("2026-01-01")).toBe("2028-12-31");
    expect(periodError("2026-01-01", "2028-12-31")).toBeNull();
    expect(periodError("2026-01-01", "2029-01-01")).toBe("任期不能超过3年（最晚至2028-12-31）");
    expect(periodError("2026-01-02", "2026-01-01")).toBe("结束日期不能早于开始日期");
  });
});

describe("who examines a filing (EVALUATION §7)", () => {
  const P = "province";
  const unit = { id: "gzu", kind: "unit" as const, parentId: P, supervisorId: "jyt" };
  const cityUnit = { id: "yz", kind: "unit" as const, parentId: "zy", supervisorId: "zy-jyj" };
  it("高级 of a unit: its 主管部门, then the 省人社厅", () => {
    expect(routeFiling(unit, "intermediate", "senior_full", P)).toEqual({ deptOrgId: "jyt", hrssOrgId: P });
    expect(routeFiling(cityUnit, "senior_deputy", "senior_full", P)).toEqual({ deptOrgId: "zy-jyj", hrssOrgId: P });
  });
  it("中级/初级 of a unit: its 主管部门, then the 人社部门 of its region", () => {
    expect(routeFiling(cityUnit, "intermediate", "intermediate", P)).toEqual({ deptOrgId: "zy-jyj", hrssOrgId: "zy" });
    expect(routeFiling(cityUnit, "junior", "assistant", P)).toEqual({ deptOrgId: "zy-jyj", hrssOrgId: "zy" });
  });
  it("a 主管部门's own committee has no 主管部门 stage", () => {
    expect(routeFiling({ id: "wjw", kind: "dept", parentId: P, supervisorId: null }, "senior_deputy", "senior_full", P)).toEqual({ deptOrgId: null, hrssOrgId: P });
  });
  it("a city 人社局's 中级 committee goes to its parent, the 省人社厅", () => {
    expect(routeFiling({ id: "gy", kind: "hrss", parentId: P, supervisorId: null }, "intermediate", "intermediate", P)).toEqual({ deptOrgId: null, hrssOrgId: P });
  });
  it("the 省人社厅's own committees have no examiner (the 专技处 records them)", () => {
    expect(routeFiling({ id: P, kind: "hrss", parentId: null, supervisorId: null }, "senior_deputy", "senior_full", P)).toEqual({ deptOrgId: null, hrssOrgId: null });
  });
  it("an approved filing reads as expired the day after valid_to", () => {
    expect(displayStatus({ status: "approved", validTo: "2026-06-30" }, "2026-06-30")).toBe("approved");
    expect(displayStatus({ status: "approved", validTo: "2026-06-30" }, "2026-07-01")).toBe("expired");
  });
});

describe("whose turn it is on a filing", () => {
  const actor = (role: "dept" | "hrss", orgId: string, orgIsCertDivision = false) => ({ id: "x", role, orgId, orgIsCertDivision });
  const chain = { deptExaminerOrgId: "jyt", hrssExaminerOrgId: "province" };
  it("the 主管部门 decides a submitted filing, the 人社部门 only after it", () => {
    expect(examinerStage(actor("dept", "jyt"), { ...chain, status: "submitted" })).toEqual({ from: "submitted", to: "dept_approved" });
    expect(examinerStage(actor("hrss", "province"), { ...chain, status: "submitted" })).toBeNull();
    expect(examinerStage(actor("hrss", "province"), { ...chain, status: "dept_approved" })).toEqual({ from: "dept_approved", to: "approved" });
    expect(examinerStage(actor("dept", "jyt"), { ...chain, status: "dept_approved" })).toBeNull();
  });
  it("another organisation of the same kind never has a turn", () => {
    expect(examinerStage(actor("dept", "zjt"), { ...chain, status: "submitted" })).toBeNull();
    expect(examinerStage(actor("hrss", "gy"), { ...chain, status: "dept_approved" })).toBeNull();
  });
  it("the 省人社厅's own filing (no examiner) is recorded by the 专技处 only", () => {
    const own = { deptExaminerOrgId: null, hrssExaminerOrgId: null, status: "submitted" as const };
    expect(examinerStage(actor("hrss", "zjc", true), own)).toEqual({ from: "submitted", to: "approved" });
    expect(examinerStage(actor("hrss", "province"), own)).toBeNull();
  });
});
