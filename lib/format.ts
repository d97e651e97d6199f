const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

/** Date and time in China's time zone, to the minute, as lists and headers show it ("—" when absent). */
export function formatTime(d: Date | null | undefined): string {
  return d ? dateTime.format(d) : "—";
}
