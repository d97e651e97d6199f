import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";
import { listOpenBatches, listOwnDeclarations } from "@/lib/declarations/queries";
import { todayInChina } from "@/lib/filings/constants";
import { formatTime } from "@/lib/format";
import { personIntegrityBar } from "@/lib/integrity/queries";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { IntegrityBarNotice } from "./integrity-notice";

export const metadata: Metadata = { title: "职称申报" };

export default async function PersonDeclarationsPage() {
  const user = await requireRolePage(["person"]);
  const db = await getDb();
  const [own, batches, bar] = await Promise.all([listOwnDeclarations(db, user.id), listOpenBatches(db, todayInChina()), personIntegrityBar(db, user.id)]);
  return (
    <div className="space-y-4">
      {bar ? <IntegrityBarNotice bar={bar} /> : null}
      <Card title="职称申报" actions={batches.length > 0 && !bar ? <Link href="/person/declarations/new" className={buttonClass("primary", "sm")}>新建申报</Link> : null}>
        <p className="text-sm leading-relaxed text-slate-600">
          在评委会开放的申报批次内，按步骤填写申报信息并上传材料，每一步都会保存为草稿。提交后由所在单位审核、公示并推荐，再经主管部门、人社部门审核后由评委会受理。
          单位审核通过前可以撤回；被退回时请按告知的事项一次补正后重新提交。
        </p>
        {batches.length > 0 ? (
          <ul className="mt-3 space-y-1 text-sm text-slate-700" data-testid="open-batches">
            {batches.map((b) => (
              <li key={b.id}>
                {b.name}（{TITLE_LEVEL_LABELS[b.levelTo]}—{TITLE_LEVEL_LABELS[b.levelFrom]}，截止 {b.closesOn}）
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-sm text-slate-500">目前没有开放的申报批次。</p>
        )}
      </Card>
      <Card title="我的申报">
        {own.length === 0 ? (
          <p className="text-sm text-slate-500">您还没有申报。</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="own-declarations">
            {own.map((d) => {
              const s = DECLARATION_STATUS_LABELS[d.status];
              return (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div className="min-w-0 space-y-1">
                    <p className="font-medium text-slate-800">
                      {d.committeeName} · {TITLE_LEVEL_LABELS[d.targetLevel]} · {d.specialty}
                    </p>
                    <p className="text-xs text-slate-500">
                      {d.batchName} · {d.submittedAt ? `提交于 ${formatTime(d.submittedAt)}` : `创建于 ${formatTime(d.createdAt)}`}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    <span className="whitespace-nowrap">
                      <Badge tone={s.tone}>{s.label}</Badge>
                    </span>
                    <Link href={`/person/declarations/${d.id}`} className={buttonClass("secondary", "sm")}>
                      {d.status === "draft" || d.status === "returned" ? "继续填写" : "查看"}
                    </Link>
                    <Link href={`/person/declarations/${d.id}/timeline`} className={buttonClass("secondary", "sm")}>
                      进度
                    </Link>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
