import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";
import { isUuid } from "@/lib/declarations/ids";
import { timelineForPerson } from "@/lib/declarations/queries";
import { formatTime } from "@/lib/format";

export const metadata: Metadata = { title: "申报进度" };

export default async function DeclarationTimelinePage({ params }: { params: Promise<{ declarationId: string }> }) {
  const user = await requireRolePage(["person"]);
  const { declarationId } = await params;
  if (!isUuid(declarationId)) notFound();
  const tl = await timelineForPerson(await getDb(), user.id, declarationId);
  if (!tl) notFound();
  const d = tl.declaration;
  const s = DECLARATION_STATUS_LABELS[d.status];
  return (
    <div className="space-y-4">
      <Card
        title="申报进度"
        actions={
          <Link href={`/person/declarations/${d.id}`} className={buttonClass("secondary", "sm")}>
            返回申报表
          </Link>
        }
      >
        <div className="space-y-2 text-sm">
          <p>
            {tl.committeeName} · 当前状态 <Badge tone={s.tone}>{s.label}</Badge>
          </p>
          {tl.holderOffice ? (
            <p data-testid="holder-office">
              当前办理单位：{tl.holderOffice.name}
              {tl.holderOffice.contactName || tl.holderOffice.contactPhone ? `（联系人 ${tl.holderOffice.contactName ?? "—"}，电话 ${tl.holderOffice.contactPhone ?? "—"}）` : ""}
            </p>
          ) : tl.holder === "person" ? (
            <p>当前由您办理（填写或补正后提交）。</p>
          ) : null}
        </div>
      </Card>
      <Card title="办理环节">
        <ol className="space-y-2" data-testid="stages">
          {tl.stages.map((st) => (
            <li key={st.status} className="flex flex-wrap items-center gap-2 text-sm">
              <span className={`inline-block h-2.5 w-2.5 rounded-full ${st.reachedAt ? "bg-green-600" : "bg-slate-300"}`} aria-hidden />
              <span className="font-medium text-slate-800">{DECLARATION_STATUS_LABELS[st.status].label}</span>
              <span className="text-slate-500">{st.office}</span>
              <span className="text-slate-500">{st.reachedAt ? formatTime(st.reachedAt) : "未到达"}</span>
            </li>
          ))}
        </ol>
      </Card>
      <Card title="办理记录">
        <ul className="space-y-2 text-sm" data-testid="events">
          {tl.events.map((e, i) => (
            <li key={i} className="border-l-2 border-slate-200 pl-3">
              <div className="text-slate-500">{formatTime(e.at)}</div>
              <div className="text-slate-800">
                {e.fromStatus ? `${DECLARATION_STATUS_LABELS[e.fromStatus].label} → ` : ""}
                {DECLARATION_STATUS_LABELS[e.toStatus].label}
                {e.actorOrgName ? ` · ${e.actorOrgName}` : ""}
              </div>
              {e.note ? <div className="text-slate-600">意见：{e.note}</div> : null}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
