import Link from "next/link";
import { notFound } from "next/navigation";
import { type CommitteeArea, requireCommitteePage } from "@/app/_area/committee-page";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { auditBase, writeAudit } from "@/lib/audit";
import { currentRequestIp } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { isUuid } from "@/lib/roster/access";
import { ID_TYPE_LABELS, TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { getRosterImportPreview, IMPORT_STATUS_LABELS, type RosterImportPreview } from "@/lib/roster/import-queries";
import { ImportDecision } from "./import-decision";
import { ImportProgress } from "./import-progress";

async function loadPreview(area: CommitteeArea, committeeId: string, importId: string) {
  const { user, committee, rosterPath } = await requireCommitteePage(area, committeeId);
  if (!isUuid(importId)) notFound();
  try {
    const db = await getDb();
    const preview = await getRosterImportPreview(db, user, importId);
    if (!preview || preview.committeeId !== committee.id) notFound();
    // Full ID numbers on screen are personal-data access: one audit row per page view (docs/domain.md §4).
    if (preview.unmaskedRows > 0) {
      await writeAudit(db, {
        ...auditBase(user, "roster.import.view_unmasked", await currentRequestIp()),
        targetType: "roster_import",
        targetId: preview.id,
        outcome: "success",
        detail: { committeeId: committee.id, rows: preview.unmaskedRows },
      });
    }
    return { preview, listPath: rosterPath };
  } catch (err) {
    if (err instanceof ForbiddenError) notFound();
    throw err;
  }
}

function Stat({ label, value, tone = "text-slate-800", testId }: { label: string; value: number; tone?: string; testId: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${tone}`} data-testid={testId}>
        {value.toLocaleString("zh-CN")}
      </dd>
    </div>
  );
}

function Counts({ p }: { p: RosterImportPreview }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-4">
      <Stat label="读取数据行" value={p.rowsRead} testId="stat-read" />
      <Stat label="将新增" value={p.addCount} tone="text-green-700" testId="stat-add" />
      <Stat label="已在名册中（不重复导入）" value={p.existingCount} testId="stat-existing" />
      <Stat label="未通过校验" value={p.rejectedCount} tone={p.rejectedCount ? "text-red-700" : "text-slate-800"} testId="stat-rejected" />
    </dl>
  );
}

/** The dry run: exact counts, the rejected rows with row/column/reason, the first rows to add; then commit or cancel. */
export async function RosterImportPreviewPage({ area, committeeId, importId }: { area: CommitteeArea; committeeId: string; importId: string }) {
  const { preview: p, listPath } = await loadPreview(area, committeeId, importId);
  const importPath = `${listPath}/import`;
  const title = `导入预览 · ${p.fileName}`;
  const back = (
    <Link href={importPath} className="text-sm text-brand-700 hover:underline">
      返回导入
    </Link>
  );

  if (p.status === "parsing") {
    return (
      <Card title={title} actions={back}>
        <ImportProgress importId={p.id} initialRows={p.rowsRead} />
      </Card>
    );
  }
  if (p.status === "failed") {
    return (
      <Card title={title} actions={back}>
        <Notice tone="error">{p.message ?? "文件未通过检查"}</Notice>
        <p className="mt-4 text-sm text-slate-600">名册没有任何变化。请修改文件后重新上传。</p>
      </Card>
    );
  }

  return (
    <Card title={title} actions={back}>
      <div className="space-y-5">
        {p.status === "committed" && (
          <Notice tone="success">
            已导入：新增 {p.addedCount ?? 0} 条草稿记录。<Link href={listPath} className="underline">查看名册</Link>
          </Notice>
        )}
        {p.status === "cancelled" && <Notice tone="info">本次导入已取消，名册没有变化。</Notice>}
        <p className="text-sm text-slate-600">
          上传人 {p.uploaderName} · 表头在第 {p.headerRow} 行
          {p.exampleCount > 0 && ` · 已忽略模板示例行 ${p.exampleCount} 行`} · 状态：{IMPORT_STATUS_LABELS[p.status]}
        </p>
        <Counts p={p} />

        {p.rejectedCount > 0 && (
          <section className="space-y-3">
            {p.status === "pending" && (
              <Notice tone="error">
                有 {p.rejectedCount} 行未通过校验，整个文件不会导入（全部导入或全部不导入）。请下载错误报告，按“原因”修正后重新上传。
              </Notice>
            )}
            <a href={`/api/roster/imports/${p.id}/errors`} className={buttonClass("secondary", "sm")} data-testid="error-report-link">
              下载错误报告（Excel）
            </a>
            <div className="overflow-x-auto">
              <table className="w-full text-sm [&_th]:whitespace-nowrap" data-testid="rejected-table">
                <thead className="bg-red-50 text-left text-red-800">
                  <tr>
                    <th className="px-2 py-2">行号</th>
                    <th className="px-2 py-2">列</th>
                    <th className="px-2 py-2">原因</th>
                    <th className="px-2 py-2">姓名</th>
                    <th className="px-2 py-2">证件号码</th>
                  </tr>
                </thead>
                <tbody>
                  {p.sampleRejected.flatMap((r) =>
                    r.issues.map((i, k) => (
                      <tr key={`${r.row}-${k}`} className="border-t border-slate-100 align-top">
                        <td className="px-2 py-1.5">{k === 0 ? r.row : ""}</td>
                        <td className="px-2 py-1.5 whitespace-nowrap">{i.column}</td>
                        <td className="min-w-48 px-2 py-1.5">{i.reason}</td>
                        <td className="whitespace-nowrap px-2 py-1.5">{k === 0 ? r.values.name : ""}</td>
                        <td className="whitespace-nowrap px-2 py-1.5 font-mono text-xs">{k === 0 ? r.values.idNumber : ""}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
            {p.rejectedCount > p.sampleRejected.length && (
              <p className="text-xs text-slate-500">此处显示前 {p.sampleRejected.length} 行，完整内容请下载错误报告。</p>
            )}
          </section>
        )}

        {p.glyphIssues.errors.length > 0 && (
          <Notice tone="error">
            <p>以下字符证书字体无法显示，整个文件不会导入，请修正后重新上传：</p>
            <ul className="mt-1 list-disc pl-5" data-testid="glyph-errors">
              {p.glyphIssues.errors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Notice>
        )}
        {p.glyphIssues.warnings.length > 0 && (
          <Notice tone="warning">
            <ul className="list-disc pl-5" data-testid="glyph-warnings">
              {p.glyphIssues.warnings.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Notice>
        )}

        {p.status === "pending" && p.rejectedCount === 0 && p.addCount > 0 && (
          <section className="space-y-2">
            <h3 className="text-sm font-semibold text-slate-800">将新增的记录{p.addCount > p.sampleRows.length && `（前 ${p.sampleRows.length} 条）`}</h3>
            {/* Fits 1366 px: short columns first and unwrapped, long text wraps in the last columns. */}
            <div className="max-h-96 overflow-auto">
              <table className="w-full text-sm [&_th]:whitespace-nowrap" data-testid="preview-table">
                <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th className="px-2 py-2">行号</th>
                    <th className="px-2 py-2">姓名</th>
                    <th className="px-2 py-2">证件号码</th>
                    <th className="px-2 py-2" data-testid="preview-pass-date">
                      评审通过时间
                    </th>
                    <th className="px-2 py-2">资格名称</th>
                    <th className="px-2 py-2">工作单位</th>
                  </tr>
                </thead>
                <tbody>
                  {p.sampleRows.map((r) => (
                    <tr key={r.row} className="border-t border-slate-100 align-top">
                      <td className="px-2 py-1.5">{r.row}</td>
                      <td className="whitespace-nowrap px-2 py-1.5">{r.name}</td>
                      <td className="whitespace-nowrap px-2 py-1.5">
                        <span className="font-mono text-xs">{r.idNumber}</span>
                        <span className="block text-xs text-slate-500">{ID_TYPE_LABELS[r.idType]}</span>
                      </td>
                      <td className="whitespace-nowrap px-2 py-1.5">{r.passDate}</td>
                      <td className="px-2 py-1.5">
                        {r.qualificationName}（{TITLE_LEVEL_LABELS[r.level]}）
                      </td>
                      <td className="px-2 py-1.5">{r.workUnit}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}

        {p.status === "pending" && (
          <ImportDecision importId={p.id} addCount={p.addCount} canCommit={p.rejectedCount === 0 && p.glyphIssues.errors.length === 0} listPath={listPath} importPath={importPath} />
        )}
      </div>
    </Card>
  );
}
