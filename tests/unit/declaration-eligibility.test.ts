/**
 * 申报条件 beyond the years table (docs/domain.md §16): which failures a 破格 declaration may cover, and the
 * statutory retirement age the unit is warned about (渐进式延迟法定退休年龄, from 2025).
 */
import { describe, expect, it } from "vitest";
import { checkEligibility, type EligibilityInput } from "@/lib/declarations/eligibility";
import { retirementAgeWarning, statutoryRetirementMonth } from "@/lib/declarations/retirement";

const base: EligibilityInput = {
  targetLevel: "senior_deputy",
  batchYear: 2025,
  education: ["master"],
  currentTitleLevel: "intermediate",
  currentTitleDate: "2015-01-01",
  workStart: "2009-07-01",
  yearsRequired: 5,
};

describe("破格 covers the rule, never missing data", () => {
  it("eligible: nothing to waive", () => {
    expect(checkEligibility(base)).toMatchObject({ ok: true, waivable: false, problems: [] });
  });
  it("years short, a level skipped, an education without a row: waivable", () => {
    expect(checkEligibility({ ...base, currentTitleDate: "2023-06-01" })).toMatchObject({ ok: false, waivable: true });
    expect(checkEligibility({ ...base, targetLevel: "senior_full" })).toMatchObject({ ok: false, waivable: true, problems: ["须逐级申报：申报该级别须已取得低一级职称"] });
    expect(checkEligibility({ ...base, education: ["secondary"], yearsRequired: undefined })).toMatchObject({ ok: false, waivable: true, problems: ["中专学历不符合该级别的申报条件"] });
  });
  it("no education or no date to count from: not waivable, even beside a waivable problem", () => {
    expect(checkEligibility({ ...base, education: [] })).toMatchObject({ ok: false, waivable: false });
    expect(checkEligibility({ ...base, currentTitleLevel: null, currentTitleDate: null })).toMatchObject({ ok: false, waivable: false });
  });
});

describe("statutory retirement month", () => {
  it.each([
    ["1964-12-10", "男", "2024-12"], // before the reform: 60
    ["1965-01-05", "男", "2025-02"], // 60 years 1 month
    ["1965-05-20", "男", "2025-07"], // 60 years 2 months
    ["1976-12-01", "男", "2039-12"], // capped: 63
    ["1969-12-01", "女", "2024-12"], // before the reform: 55
    ["1970-01-01", "女", "2025-02"], // 55 years 1 month
    ["1990-01-01", "女", "2048-01"], // capped: 58
  ] as const)("born %s (%s) → %s", (birth, gender, month) => {
    expect(statutoryRetirementMonth(birth, gender)).toBe(month);
  });
  it("warns the unit from that month on; unknown data warns nothing", () => {
    expect(retirementAgeWarning("1965-01-05", "男", "2025-01-31")).toBeNull();
    expect(retirementAgeWarning("1965-01-05", "男", "2025-02-01")).toBe("按出生日期，申报人已于2025-02达到法定退休年龄，请核实其是否仍在职（退休人员不能申报职称）");
    expect(retirementAgeWarning(null, "男", "2025-02-01")).toBeNull();
    expect(retirementAgeWarning("1965-01-05", "", "2025-02-01")).toBeNull();
  });
});
