import type { RosterStatus } from "@/db/schema";
import { ROSTER_STATUS_INFO } from "@/lib/roster/constants";
import type { RecordTimelineEvent } from "@/lib/roster/record-events";

/**
 * Status timeline of one roster record (docs/domain.md §3): the five stages a professional follows
 * (已导入 → 待上传照片 → 评委会审核中 → 已提交省人社厅专技处 → 已确认) and, below, every change with its
 * date and reason (rejections, returns, revocations). Server component, shared by the personal area
 * and the committee pages; it receives the events, it does not load them.
 */

const STAGES = ["已导入", "待上传照片", "评委会审核中", "已提交省人社厅专技处", "已确认"] as const;

const STAGE_OF: Record<RosterStatus, number> = {
  draft: 0,
  awaiting_photo: 1,
  photo_submitted: 2,
  photo_approved: 2,
  submitted: 3,
  returned: 3,
  confirmed: 4,
  revoked: 4,
  superseded: 4,
};

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

export function formatDateTime(d: Date): string {
  return dateTime.format(d);
}

type Described = { text: string; tone: "normal" | "problem" };

/** What a transition means to the people who read the timeline. */
export function describeRecordEvent(e: Pick<RecordTimelineEvent, "fromStatus" | "toStatus" | "actorRole">): Described {
  const byHolder = e.actorRole === "person";
  const key = `${e.fromStatus}>${e.toStatus}`;
  switch (key) {
    case "draft>awaiting_photo":
      return { text: "评委会发布名册，待上传照片", tone: "normal" };
    case "draft>photo_approved":
      return { text: "评委会发布名册（2020年度之前的证书无需照片），待统一提交", tone: "normal" };
    case "awaiting_photo>photo_approved":
    case "photo_submitted>photo_approved":
      return e.actorRole === null
        ? { text: "2020年度之前的证书无需照片，系统转为待统一提交", tone: "normal" }
        : { text: "评委会审核通过照片，待统一提交", tone: "normal" };
    case "awaiting_photo>photo_submitted":
      return { text: "已提交照片，评委会审核中", tone: "normal" };
    case "photo_submitted>awaiting_photo":
      return byHolder ? { text: "本人更换照片，待重新提交", tone: "normal" } : { text: "评委会驳回照片，请重新上传", tone: "problem" };
    case "photo_approved>awaiting_photo":
      return { text: "评委会撤销照片审核结果，请重新上传", tone: "problem" };
    case "photo_approved>submitted":
      return { text: "评委会已提交省人社厅专技处确认", tone: "normal" };
    case "submitted>confirmed":
      return { text: "省人社厅专技处已确认，证书生效", tone: "normal" };
    case "submitted>returned":
      return { text: "省人社厅专技处退回评委会", tone: "problem" };
    case "returned>photo_approved":
      return { text: "评委会已处理退回意见，待重新提交", tone: "normal" };
    case "returned>awaiting_photo":
      return { text: "评委会要求重新上传照片", tone: "problem" };
    case "confirmed>revoked":
      return { text: "证书已撤销", tone: "problem" };
    case "confirmed>superseded":
      return { text: "证书已更正，以新版本为准", tone: "normal" };
    default:
      return { text: `${ROSTER_STATUS_INFO[e.fromStatus].label} → ${ROSTER_STATUS_INFO[e.toStatus].label}`, tone: "normal" };
  }
}

/** A problem standing at the current stage (rejected photo, returned, revoked), from the last event. */
function currentProblem(status: RosterStatus, last: RecordTimelineEvent | undefined): string | null {
  if (status === "returned") return "已退回";
  if (status === "revoked") return "已撤销";
  if (status === "superseded") return "已更正";
  if (last && last.toStatus === status && describeRecordEvent(last).tone === "problem") return "已驳回";
  return null;
}

export function RecordTimeline({ status, createdAt, events }: { status: RosterStatus; createdAt: Date; events: RecordTimelineEvent[] }) {
  const current = STAGE_OF[status];
  const finished = status === "confirmed";
  // When each stage was last reached.
  const reachedAt: (Date | null)[] = STAGES.map((_, i) => (i === 0 ? createdAt : null));
  for (const e of events) reachedAt[STAGE_OF[e.toStatus]] = e.at;
  const problem = currentProblem(status, events.at(-1));

  return (
    <div className="space-y-5" data-testid="record-timeline">
      <ol className="flex flex-col gap-3 sm:flex-row sm:gap-0" aria-label="办理进度">
        {STAGES.map((label, i) => {
          const state = i < current || (i === current && finished) ? "done" : i === current ? (problem ? "problem" : "current") : "todo";
          const styles = {
            done: { dot: "bg-green-600 text-white", text: "text-slate-800", line: "bg-green-600" },
            current: { dot: "bg-brand-600 text-white ring-4 ring-brand-100", text: "font-semibold text-brand-800", line: "bg-slate-200" },
            problem: { dot: "bg-red-600 text-white ring-4 ring-red-100", text: "font-semibold text-red-700", line: "bg-slate-200" },
            todo: { dot: "bg-slate-200 text-slate-600", text: "text-slate-500", line: "bg-slate-200" },
          }[state];
          const date = state === "todo" ? null : reachedAt[i];
          return (
            <li
              key={label}
              className="relative flex items-start gap-3 sm:flex-1 sm:flex-col sm:items-center sm:gap-1 sm:text-center"
              aria-current={state === "current" || state === "problem" ? "step" : undefined}
              data-stage-state={state}
            >
              {i < STAGES.length - 1 && (
                <span aria-hidden className={`absolute left-3 top-7 h-[calc(100%-1rem)] w-0.5 sm:left-1/2 sm:top-3 sm:h-0.5 sm:w-full ${styles.line}`} />
              )}
              <span className={`relative z-10 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs ${styles.dot}`} aria-hidden>
                {state === "done" ? "✓" : state === "problem" ? "!" : i + 1}
              </span>
              <span className="min-w-0 text-sm">
                <span className={`block ${styles.text}`}>
                  {label}
                  {state === "problem" && problem && <span className="ml-1">（{problem}）</span>}
                  <span className="sr-only">{state === "done" ? "，已完成" : state === "todo" ? "，未开始" : "，当前阶段"}</span>
                </span>
                {date && <span className="block text-xs text-slate-500">{dateOnly.format(date)}</span>}
              </span>
            </li>
          );
        })}
      </ol>

      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-700">办理记录</h3>
        <ul className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm" data-testid="record-history">
          <li>
            <span className="block text-xs text-slate-500">{formatDateTime(createdAt)}</span>
            评委会录入名册
          </li>
          {events.map((e, i) => {
            const d = describeRecordEvent(e);
            return (
              <li key={i}>
                <span className="block text-xs text-slate-500">{formatDateTime(e.at)}</span>
                <span className={d.tone === "problem" ? "font-medium text-red-700" : "text-slate-800"}>{d.text}</span>
                {e.reason && <span className="block text-slate-600">原因：{e.reason}</span>}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
