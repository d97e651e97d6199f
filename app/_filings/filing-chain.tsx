import type { FilingDisplayStatus } from "@/lib/filings/constants";
import { FILING_SCOPE_LABELS } from "@/lib/terms/rules";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import type { getFilingDetail } from "@/lib/filings/queries";
import type { FilingMemberSnapshot } from "@/db/schema";
import type { TitleLevel } from "@/db/schema/enums";
import { FilingStatusBadge } from "./filing-status-badge";

type Detail = NonNullable<Awaited<ReturnType<typeof getFilingDetail>>>;

/** The frozen member list of a filing as MemberTable rows. */
export function snapshotRows(members: FilingMemberSnapshot[]) {
  return members.map((m) => ({ ...m, positionLabel: m.position, levelLabel: TITLE_LEVEL_LABELS[m.level as TitleLevel] ?? "—" }));
}

function step(done: boolean, current: boolean, label: string) {
  return (
    <li key={label} className={done ? "text-green-700" : current ? "font-semibold text-amber-700" : "text-slate-400"}>
      {done ? "✓ " : current ? "→ " : "· "}
      {label}
    </li>
  );
}

/** The filing, its examination chain (组建单位 → 主管部门 → 人社部门, or the 专技处) and where it stands. */
export function FilingSummary({ f }: { f: Detail }) {
  const d: FilingDisplayStatus = f.display;
  const hrssLabel = f.hrssExaminerName ? `${f.hrssExaminerName}审核` : "省人社厅专技处备案";
  const after = (s: FilingDisplayStatus[]) => s.includes(d);
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid gap-2 sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">评委会</dt>
          <dd>{f.committeeName}</dd>
        </div>
        <div>
          <dt className="text-slate-500">系列 / 专业</dt>
          <dd>
            {f.series} / {f.specialties}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">级别范围 · 组建方式</dt>
          <dd>
            {TITLE_LEVEL_LABELS[f.levelFrom]}至{TITLE_LEVEL_LABELS[f.levelTo]} · {FILING_SCOPE_LABELS[f.scope]}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">有效期</dt>
          <dd>
            {f.validFrom} 至 {f.validTo}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">状态</dt>
          <dd data-testid="filing-status">
            <FilingStatusBadge display={d} returnReason={f.returnReason} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">评审办法</dt>
          <dd>
            {f.rulesPdfName ? (
              <a className="text-brand-700 hover:underline" href={`/api/filings/${f.id}/rules`}>
                {f.rulesPdfName}
              </a>
            ) : (
              "未上传"
            )}
          </dd>
        </div>
      </dl>
      {f.returnReason && d === "draft" && <p className="text-red-700">退回理由：{f.returnReason}</p>}
      {f.submittedAt && (
        <ol className="space-y-1" aria-label="审核流程">
          {step(true, false, `${f.formingOrgName}报送`)}
          {f.deptExaminerName && step(after(["dept_approved", "approved", "expired"]), d === "submitted", `${f.deptExaminerName}（主管部门）审核`)}
          {step(after(["approved", "expired"]), d === "dept_approved" || (d === "submitted" && !f.deptExaminerName), hrssLabel)}
        </ol>
      )}
    </div>
  );
}
