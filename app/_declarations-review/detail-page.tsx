import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Badge, Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import type { SessionUser } from "@/lib/auth/session";
import {
  ACHIEVEMENT_KIND_LABELS,
  DECLARATION_STATUS_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  SECTION_LABELS,
  WITHDRAWAL_STATUS_LABELS,
  type DeclarationSection,
} from "@/lib/declarations/constants";
import { retirementAgeWarning } from "@/lib/declarations/retirement";
import { todayInChina } from "@/lib/filings/constants";
import { getDeclarationForViewer } from "@/lib/declarations/queries";
import type { DeclarationMove } from "@/lib/declarations/states";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { DeclarationPhoto } from "@/components/declarations/declaration-photo";
import { DeclarationTabs } from "./list-pages";
import { DecisionPanel } from "./decision-panel";
import { WithdrawalDecision } from "./withdrawal-decision";
import type { ReviewBase } from "./areas";

const fmt = (d: Date | null) => (d ? d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "—");
/** Snapshot keys (person-moves.ts snapshotOf) as the examiner reads them. */
const FIELD_LABELS: Record<string, string> = {
  personName: "姓名",
  unitOrgId: "所在单位",
  series: "系列",
  specialty: "申报专业",
  targetLevel: "申报级别",
  currentTitle: "现任职称",
  currentTitleLevel: "现任职称级别",
  currentTitleDate: "现任职称取得时间",
  education: "学历信息",
  work: "工作经历",
  achievements: "业绩成果",
  basic: "基本信息",
  attachments: "附件",
  photo: "证件照",
};
const PANEL_MOVES: readonly DeclarationMove[] = ["unit_verify", "start_publicity", "unit_recommend", "dept_approve", "hrss_check", "accept", "accept_exceptional", "return", "reject"];
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** A slot of a notice item as a label: a section, or one achievement by its title. */
function slotLabel(slot: string, achievements: { id: string; title: string }[]): string {
  if (slot.startsWith("achievement:")) return `业绩成果：${achievements.find((a) => `achievement:${a.id}` === slot)?.title ?? "（已删除）"}`;
  return SECTION_LABELS[slot as DeclarationSection] ?? slot;
}

function Dl({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      {rows.map(([k, v]) => (
        <div key={k} className="flex gap-2">
          <dt className="w-28 shrink-0 text-slate-500">{k}</dt>
          <dd className="min-w-0 break-words text-slate-800">{v || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One declaration as an examining office sees it: all sections, attachments, notices, changes and history. */
export async function DeclarationDetailPage({ user, base, declarationId }: { user: SessionUser; base: ReviewBase; declarationId: string }) {
  if (!isUuid(declarationId)) notFound();
  const view = await getDeclarationForViewer(await getDb(), user, declarationId);
  if (!view || view.kinds.length === 0) notFound();
  const d = view.declaration;
  const st = DECLARATION_STATUS_LABELS[d.status];
  const changed = new Set(view.changedFields);
  const ageWarning = d.basic ? retirementAgeWarning(d.basic.birthDate, d.basic.gender, todayInChina()) : null;
  const decidesWithdrawal = view.moves.includes("approve_withdrawal");
  const mark = (key: string, title: string) => (
    <span>
      {title}
      {changed.has(key) && (
        <span className="ml-2">
          <Badge tone="amber">本次补正已修改</Badge>
        </span>
      )}
    </span>
  );
  // The moves of the way up this page offers (later moves such as 进入评审 belong to other screens).
  const moves = view.moves.filter((m) => PANEL_MOVES.includes(m));
  const returnedAt = d.status === "returned" ? d.returnedFrom : d.status;
  const sameStage = view.notices.filter((n) => n.stage === returnedAt);
  const restrictSlots = sameStage.length === 1 ? [...new Set(sameStage[0].items.map((i) => i.slot))] : null;
  const slotOptions = [
    ...(["target", "basic", "education", "work", "title", "achievements", "photo", "pledge"] as const).map((s) => ({ value: s, label: SECTION_LABELS[s] })),
    ...d.achievements.map((a) => ({ value: `achievement:${a.id}`, label: `业绩成果：${a.title}` })),
  ];
  return (
    <div className="space-y-4">
      <Card
        title={
          <span>
            {d.personName} 的职称申报 <Badge tone={st.tone}>{st.label}</Badge>
          </span>
        }
      >
        <DeclarationTabs base={base} current="all" />
        <div className="flex flex-col-reverse gap-4 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1">
            <Dl
              rows={[
                ["证件号码", <span key="id" className="font-mono text-xs">{d.idNumberMasked}</span>],
                ["评委会", view.committeeName],
                ["申报批次", view.batch.name],
                ["系列/专业", `${d.series}·${d.specialty}`],
                ["申报级别", TITLE_LEVEL_LABELS[d.targetLevel]],
                ["所在单位", view.unit?.name],
                ["主管部门", d.routeDept ? view.dept?.name : "（不经主管部门）"],
                ["人社部门", d.routeHrss ? view.hrss?.name : "（不经人社部门）"],
                ["受理单位", view.forming?.name],
                ["提交时间", fmt(d.submittedAt)],
              ]}
            />
          </div>
          <div className="space-y-1 text-xs text-slate-500" data-testid="declaration-photo-box">
            <DeclarationPhoto photoId={view.photoId} />
            <div>{mark("photo", "证件照")}</div>
          </div>
        </div>
        {view.changedFields.length > 0 && d.status !== "returned" && (
          <div className="mt-3">
            <Notice tone="warning">补正后重新提交，修改了：<span data-testid="changed-fields">{view.changedFields.map((f) => FIELD_LABELS[f] ?? f).join("、")}</span></Notice>
          </div>
        )}
        {d.finalReason && (
          <div className="mt-3">
            <Notice tone="error">不予受理原因：{d.finalReason}</Notice>
          </div>
        )}
      </Card>

      {d.exceptional && (
        <Card title={<span>破格申报 <Badge tone={d.exceptionalApprovedAt ? "green" : "amber"}>{d.exceptionalApprovedAt ? "已批准破格" : "待组建单位批准"}</Badge></span>}>
          <div className="space-y-2 text-sm" data-testid="exceptional-reason">
            <p>申报人不符合常规申报条件（任职年限、逐级申报或学历），申请破格申报。</p>
            <p className="whitespace-pre-wrap rounded bg-slate-50 p-2">破格理由：{d.exceptionalReason}</p>
            {d.exceptionalApprovedAt && <p className="text-slate-600">批准时间：{fmt(d.exceptionalApprovedAt)}</p>}
          </div>
        </Card>
      )}

      {view.withdrawals.length > 0 && (
        <Card title="撤回申请">
          <ul className="space-y-2 text-sm" data-testid="withdrawals">
            {view.withdrawals.map((w) => (
              <li key={w.id} className="rounded border border-slate-200 p-2">
                <Badge tone={WITHDRAWAL_STATUS_LABELS[w.status].tone}>{WITHDRAWAL_STATUS_LABELS[w.status].label}</Badge>
                <span className="ml-2 text-slate-500">{fmt(w.requestedAt)}</span>
                <p className="mt-1">撤回理由：{w.reason}</p>
                {w.decisionReason && <p className="text-slate-600">处理意见：{w.decisionReason}</p>}
              </li>
            ))}
          </ul>
          {decidesWithdrawal && (
            <div className="mt-3 space-y-2">
              <p className="text-sm text-slate-700">申报人已申请撤回，请先审批撤回申请；审批前不能办理该申报的其他事项。</p>
              <WithdrawalDecision declarationId={d.id} version={d.version} />
            </div>
          )}
        </Card>
      )}

      {moves.length > 0 && (
        <Card title="办理">
          <DecisionPanel
            declarationId={d.id}
            version={d.version}
            moves={moves}
            publicityHref={`${base}/declarations/publicity`}
            slotOptions={slotOptions}
            restrictSlots={restrictSlots}
            firstReason={sameStage.length === 1 ? sameStage[0].reason : null}
          />
        </Card>
      )}

      {view.notices.length > 0 && (
        <Card title="一次性告知（退回补正）">
          <ul className="space-y-3 text-sm" data-testid="notices">
            {view.notices.map((n) => (
              <li key={n.id} className="rounded border border-slate-200 p-3">
                <p>
                  第{n.round}次退回（{DECLARATION_STATUS_LABELS[n.stage].label}环节），补正期限至 {n.deadline}
                  {n.resolvedAt ? <span className="ml-2 text-slate-500">已重新提交</span> : <span className="ml-2"><Badge tone="red">待补正</Badge></span>}
                </p>
                <p className="text-slate-600">理由：{n.reason}</p>
                <ul className="mt-1 list-disc pl-5">
                  {n.items.map((i, k) => (
                    <li key={k}>
                      {slotLabel(i.slot, d.achievements)}·{i.field}：{i.text}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card title={mark("basic", "基本信息")}>
        {ageWarning && view.kinds.includes("unit") && (
          <div className="mb-3">
            <Notice tone="warning">{ageWarning}</Notice>
          </div>
        )}
        <Dl
          rows={[
            ["人员状态", d.basic?.employment ? EMPLOYMENT_LABELS[d.basic.employment] : "未填写"],
            ["性别", d.basic?.gender],
            ["出生日期", d.basic?.birthDate],
            ["联系电话", d.basic?.phone],
            ["电子邮箱", d.basic?.email],
            ["所在部门", d.basic?.department],
            ["现任岗位", d.basic?.post],
          ]}
        />
      </Card>
      <Card title={mark("education", "学历信息")}>
        <ul className="space-y-1 text-sm">
          {d.education.map((e) => (
            <li key={e.id}>
              {e.from} 至 {e.to}　{e.school}　{e.major}　{EDUCATION_LABELS[e.level]}
              {e.degree && `（${e.degree}）`}
              {!e.fullTime && "　非全日制"}
            </li>
          ))}
          {d.education.length === 0 && <li className="text-slate-500">未填写</li>}
        </ul>
      </Card>
      <Card title={mark("work", "工作经历")}>
        <ul className="space-y-1 text-sm">
          {d.work.map((w) => (
            <li key={w.id}>
              {w.from} 至 {w.to ?? "今"}　{w.employer}　{w.post}
            </li>
          ))}
          {d.work.length === 0 && <li className="text-slate-500">未填写</li>}
        </ul>
      </Card>
      <Card title={mark("currentTitle", "现任职称")}>
        <Dl
          rows={[
            ["现任职称", d.currentTitle],
            ["级别", d.currentTitleLevel ? TITLE_LEVEL_LABELS[d.currentTitleLevel] : null],
            ["取得时间", d.currentTitleDate],
          ]}
        />
      </Card>
      <Card title={mark("achievements", "业绩成果")}>
        <ul className="space-y-2 text-sm">
          {d.achievements.map((a) => (
            <li key={a.id}>
              <Badge tone="slate">{ACHIEVEMENT_KIND_LABELS[a.kind]}</Badge> {a.title}　{a.date}
              {a.detail && <p className="text-slate-600">{a.detail}</p>}
            </li>
          ))}
          {d.achievements.length === 0 && <li className="text-slate-500">未填写</li>}
        </ul>
      </Card>
      <Card title="附件">
        <ul className="space-y-1 text-sm">
          {view.attachments.map((a) => (
            <li key={a.id}>
              <span className="text-slate-500">{slotLabel(a.slot, d.achievements)}：</span>
              <a className="text-brand-700 underline hover:text-brand-800" href={`/api/declarations/attachments/${a.id}`}>
                {a.fileName}
              </a>
              <span className="ml-1 text-xs text-slate-500">{Math.ceil(a.size / 1024)} KB</span>
            </li>
          ))}
          {view.attachments.length === 0 && <li className="text-slate-500">无附件</li>}
        </ul>
      </Card>
      <Card title="办理记录">
        <ol className="space-y-1 text-sm" data-testid="events">
          {view.events.map((e, i) => (
            <li key={i} className="flex flex-wrap gap-x-2">
              <span className="text-slate-500">{fmt(e.at)}</span>
              <span>{e.actorOrgName ?? (e.actorRole === "person" ? "申报人" : "系统")}</span>
              <span>
                {e.fromStatus ? `${DECLARATION_STATUS_LABELS[e.fromStatus].label} → ` : ""}
                {DECLARATION_STATUS_LABELS[e.toStatus].label}
              </span>
              {e.note && <span className="text-slate-600">（{e.note}）</span>}
            </li>
          ))}
        </ol>
        <p className="mt-3 text-sm">
          <Link className="text-brand-700 hover:underline" href={`${base}/declarations`}>
            返回申报列表
          </Link>
        </p>
      </Card>
    </div>
  );
}
