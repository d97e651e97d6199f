import { describe, expect, it } from "vitest";
import { isRealDay } from "@/lib/validation/calendar";

describe("isRealDay", () => {
  it("knows month lengths and the Gregorian leap years", () => {
    expect(isRealDay(2020, 2, 29)).toBe(true);
    expect(isRealDay(2021, 2, 29)).toBe(false);
    expect(isRealDay(2000, 2, 29)).toBe(true);
    expect(isRealDay(1900, 2, 29)).toBe(false);
    expect(isRealDay(2020, 4, 31)).toBe(false);
    expect(isRealDay(2020, 12, 31)).toBe(true);
  });
  it("rejects out-of-range and non-integer parts", () => {
    for (const [y, m, d] of [[2020, 0, 1], [2020, 13, 1], [2020, 1, 0], [2020, 1.5, 1], [Number.NaN, 1, 1]]) expect(isRealDay(y, m, d)).toBe(false);
  });
});
