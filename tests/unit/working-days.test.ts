import { describe, expect, it } from "vitest";
import type { WorkingDayKind } from "@/db/schema/enums";
import { PUBLICITY_MIN_WORKING_DAYS, RECHECK_WORKING_DAYS } from "@/lib/calendar/constants";
import {
  addWorkingDays,
  countWorkingDays,
  dayInfo,
  isWorkingDay,
  isYearKnown,
  libraryKnowsYear,
  publicityEndDate,
  shiftDays,
  todayInShanghai,
  weekdayOf,
} from "@/lib/calendar/working-days";

const overrides = (entries: Record<string, WorkingDayKind>) => new Map(Object.entries(entries));
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftDays(d, 1)) out.push(d);
  return out;
};

describe("calendar-day arithmetic", () => {
  it("shifts across months, leap days and years without a time zone", () => {
    expect(shiftDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(shiftDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(shiftDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(shiftDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(weekdayOf("2025-09-28")).toBe(0); // a Sunday
    expect(weekdayOf("2026-02-14")).toBe(6); // a Saturday
  });
  it("refuses text that is not a calendar day", () => {
    expect(() => isWorkingDay("2025-02-30")).toThrow(RangeError);
    expect(() => addWorkingDays("2025/10/01", 5)).toThrow(RangeError);
    expect(() => addWorkingDays("2025-10-01", 0)).toThrow(RangeError);
  });
  it("names today in Asia/Shanghai, not in UTC", () => {
    expect(todayInShanghai(new Date("2025-09-30T16:30:00Z"))).toBe("2025-10-01");
    expect(todayInShanghai(new Date("2025-09-30T15:59:59Z"))).toBe("2025-09-30");
  });
});

describe("国庆 2025: Oct 1–8 off, Sun Sep 28 and Sat Oct 11 worked (调休)", () => {
  it("knows the holiday and the 调休 days", () => {
    expect(days("2025-10-01", "2025-10-08").filter((d) => isWorkingDay(d))).toEqual([]);
    expect(isWorkingDay("2025-09-28")).toBe(true);
    expect(isWorkingDay("2025-10-11")).toBe(true);
    expect(isWorkingDay("2025-10-12")).toBe(false); // an ordinary Sunday
    expect(dayInfo("2025-10-11")).toEqual({ date: "2025-10-11", working: true, source: "library", holidayName: "国庆节", calendarKnown: true });
    expect(countWorkingDays("2025-09-27", "2025-10-12")).toBe(6); // 28, 29, 30, Oct 9, 10, 11
  });
  it("a publicity posted the day before the holiday ends on Tue Oct 14, not Oct 7", () => {
    expect(publicityEndDate("2025-09-30")).toEqual({
      postedOn: "2025-09-30",
      startDate: "2025-10-01",
      endDate: "2025-10-14", // Oct 9, 10, 11 (调休), 13, 14
      workingDays: PUBLICITY_MIN_WORKING_DAYS,
      calendarKnown: true,
    });
  });
  it("posted on the 调休 Sunday: that day does not count, the 调休 Saturday after the holiday does", () => {
    expect(addWorkingDays("2025-09-28", 5)).toBe("2025-10-11"); // Sep 29, 30, Oct 9, 10, 11
    expect(addWorkingDays("2025-10-11", 5)).toBe("2025-10-17"); // posted on the 调休 Saturday
  });
});

describe("春节 2025: Jan 28–Feb 4 off, Sun Jan 26 and Sat Feb 8 worked", () => {
  it("counts over the holiday", () => {
    expect(days("2025-01-28", "2025-02-04").filter((d) => isWorkingDay(d))).toEqual([]);
    expect(isWorkingDay("2025-01-26")).toBe(true);
    expect(isWorkingDay("2025-02-08")).toBe(true);
    expect(addWorkingDays("2025-01-27", 5)).toBe("2025-02-10"); // Feb 5, 6, 7, 8 (调休), 10
    expect(addWorkingDays("2025-01-25", 5)).toBe("2025-02-07"); // Jan 26 (调休), 27, Feb 5, 6, 7
    expect(countWorkingDays("2025-01-25", "2025-02-09")).toBe(6); // Jan 26, 27, Feb 5, 6, 7, 8
  });
});

describe("春节 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked", () => {
  it("matches the 2026 arrangement", () => {
    expect(days("2026-02-15", "2026-02-23").filter((d) => isWorkingDay(d))).toEqual([]);
    expect(isWorkingDay("2026-02-14")).toBe(true);
    expect(isWorkingDay("2026-02-28")).toBe(true);
    expect(isWorkingDay("2026-02-24")).toBe(true);
    expect(dayInfo("2026-02-20").holidayName).toBe("春节");
  });
  it("publicity posted the day before the holiday and right after it", () => {
    expect(publicityEndDate("2026-02-13").endDate).toBe("2026-02-27"); // Feb 14 (调休), 24, 25, 26, 27
    expect(addWorkingDays("2026-02-12", 5)).toBe("2026-02-26"); // Feb 13, 14, 24, 25, 26
    expect(addWorkingDays("2026-02-25", 5)).toBe("2026-03-03"); // Feb 26, 27, 28 (调休), Mar 2, 3
  });
});

describe("国庆 2026: Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked; 中秋 Sep 25–27", () => {
  it("matches the 2026 arrangement", () => {
    expect(days("2026-10-01", "2026-10-07").filter((d) => isWorkingDay(d))).toEqual([]);
    expect(isWorkingDay("2026-09-20")).toBe(true);
    expect(isWorkingDay("2026-10-10")).toBe(true);
    expect(isWorkingDay("2026-09-25")).toBe(false); // 中秋, a Friday
    expect(isWorkingDay("2026-10-08")).toBe(true);
  });
  it("publicity across 中秋 and 国庆", () => {
    expect(publicityEndDate("2026-09-30").endDate).toBe("2026-10-13"); // Oct 8, 9, 10 (调休), 12, 13
    expect(publicityEndDate("2026-09-19").endDate).toBe("2026-09-24"); // posted on a Saturday: Sep 20 (调休) counts
    expect(publicityEndDate("2026-09-24").endDate).toBe("2026-10-09"); // Sep 28, 29, 30, Oct 8, 9
  });
  it("复查 within 15 working days", () => {
    expect(addWorkingDays("2026-09-25", RECHECK_WORKING_DAYS)).toBe("2026-10-22");
  });
  it("a longer publicity is allowed, a shorter one is refused", () => {
    expect(publicityEndDate("2026-09-30", 7).endDate).toBe("2026-10-15");
    expect(() => publicityEndDate("2026-09-30", 4)).toThrow(RangeError);
  });
});

describe("the 专技处's override table wins over the library", () => {
  it("a day made a holiday pushes the end date", () => {
    const o = overrides({ "2025-10-09": "holiday" });
    expect(isWorkingDay("2025-10-09", o)).toBe(false);
    expect(dayInfo("2025-10-09", o).source).toBe("override");
    expect(publicityEndDate("2025-09-30", 5, o).endDate).toBe("2025-10-15"); // Oct 10, 11, 13, 14, 15
  });
  it("a day made a working day pulls it in", () => {
    const o = overrides({ "2025-10-08": "workday" });
    expect(publicityEndDate("2025-09-30", 5, o).endDate).toBe("2025-10-13"); // Oct 8, 9, 10, 11, 13
    expect(countWorkingDays("2025-10-01", "2025-10-08", o)).toBe(1);
  });
  it("a 调休 day of the library can be made a holiday again", () => {
    expect(isWorkingDay("2025-10-11", overrides({ "2025-10-11": "holiday" }))).toBe(false);
  });
});

describe("a year the library does not cover", () => {
  it("is detected, although the library answers every weekday as working", () => {
    expect(libraryKnowsYear(2025)).toBe(true);
    expect(libraryKnowsYear(2026)).toBe(true);
    expect(libraryKnowsYear(2030)).toBe(false);
    expect(libraryKnowsYear(2003)).toBe(false);
  });
  it("falls back to Monday–Friday and flags calendarKnown: false", () => {
    expect(dayInfo("2030-10-01")).toEqual({ date: "2030-10-01", working: true, source: "weekdays", holidayName: null, calendarKnown: false });
    expect(isWorkingDay("2030-10-05")).toBe(false); // Saturday
    expect(publicityEndDate("2030-09-30")).toMatchObject({ endDate: "2030-10-07", calendarKnown: false });
  });
  it("a window running from a known year into an unknown one is flagged", () => {
    expect(publicityEndDate("2026-12-28")).toMatchObject({ endDate: "2027-01-04", calendarKnown: false });
    expect(publicityEndDate("2026-12-21")).toMatchObject({ endDate: "2026-12-28", calendarKnown: true });
  });
  it("becomes known once the 专技处 enters its arrangement", () => {
    const o = overrides({ "2030-09-29": "workday", ...Object.fromEntries(days("2030-10-01", "2030-10-07").map((d) => [d, "holiday" as const])) });
    expect(isYearKnown(2030, o)).toBe(true);
    expect(publicityEndDate("2030-09-30", 5, o)).toMatchObject({ endDate: "2030-10-14", calendarKnown: true });
    expect(addWorkingDays("2030-09-27", 1, o)).toBe("2030-09-29"); // the entered 调休 Sunday
  });
});

describe("the library's data, read from its JSON", () => {
  // isWorkday of chinese-days is right only in a time zone at or east of Greenwich (see working-days.ts);
  // there, both must agree on every day the library covers.
  it.runIf(new Date(2025, 0, 1).getTimezoneOffset() <= 0)("agrees with chinese-days' isWorkday on every day of 2004–2026", async () => {
    const { isWorkday } = await import("chinese-days");
    const differing = days("2004-01-01", "2026-12-31").filter((d) => isWorkingDay(d) !== isWorkday(d));
    expect(differing).toEqual([]);
  });
});
