const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

/** Date and time in China's time zone, to the minute, as lists and headers show it ("—" when absent). */
export function formatTime(d: Date | null | undefined): string {
  return d ? dateTime.format(d) : "—";
}

/** A calendar day (YYYY-MM-DD) as Chinese text: 2028-03-01 → 2028年3月1日. */
export function formatChineseDay(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
