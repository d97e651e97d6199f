import { DeclarationPhoto } from "@/components/declarations/declaration-photo";
import { Card } from "@/components/ui/card";
import { ACHIEVEMENT_KIND_LABELS, EDUCATION_LABELS, EMPLOYMENT_LABELS } from "@/lib/declarations/constants";
import type { DeclarationView } from "@/lib/declarations/queries";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";

/** The submitted declaration, read-only (what the person handed in). */
export function DeclarationSummary({ view }: { view: DeclarationView }) {
  const d = view.declaration;
  return (
    <Card title="申报内容">
      <div className="flex flex-col-reverse gap-4 sm:flex-row sm:items-start">
        <dl className="grid min-w-0 flex-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Row k="姓名" v={d.personName} />
          <Row k="证件号码" v={d.idNumberMasked} />
          <Row k="所在单位" v={view.unit?.name ?? "—"} />
          <Row k="现任岗位" v={d.basic?.post ?? "—"} />
          <Row k="人员状态" v={d.basic?.employment ? EMPLOYMENT_LABELS[d.basic.employment] : "—"} />
          <Row k="现任职称" v={d.currentTitle ? `${d.currentTitle}（${d.currentTitleLevel ? TITLE_LEVEL_LABELS[d.currentTitleLevel] : ""}，${d.currentTitleDate ?? ""}）` : "—"} />
          <Row k="申报" v={`${d.series} · ${d.specialty} · ${TITLE_LEVEL_LABELS[d.targetLevel]}`} />
          {d.exceptional ? <Row k="破格申报" v={`${d.exceptionalReason ?? ""}${d.exceptionalApprovedAt ? "（已批准破格）" : "（待评委会组建单位批准）"}`} /> : null}
        </dl>
        <DeclarationPhoto photoId={view.photoId} />
      </div>
      <h3 className="mt-4 text-sm font-semibold text-slate-800">学历</h3>
      <ul className="list-disc pl-5 text-sm">
        {d.education.map((e) => (
          <li key={e.id}>
            {e.from} 至 {e.to} · {e.school} · {e.major} · {EDUCATION_LABELS[e.level]}
          </li>
        ))}
      </ul>
      <h3 className="mt-4 text-sm font-semibold text-slate-800">工作经历</h3>
      <ul className="list-disc pl-5 text-sm">
        {d.work.map((w) => (
          <li key={w.id}>
            {w.from} 至 {w.to ?? "今"} · {w.employer} · {w.post}
          </li>
        ))}
      </ul>
      <h3 className="mt-4 text-sm font-semibold text-slate-800">业绩成果</h3>
      <ul className="list-disc pl-5 text-sm">
        {d.achievements.map((a) => (
          <li key={a.id}>
            {ACHIEVEMENT_KIND_LABELS[a.kind]} · {a.title} · {a.date}
          </li>
        ))}
      </ul>
      {view.attachments.length > 0 ? (
        <>
          <h3 className="mt-4 text-sm font-semibold text-slate-800">材料</h3>
          <ul className="list-disc pl-5 text-sm">
            {view.attachments.map((a) => (
              <li key={a.id}>
                <a className="text-brand-700 underline" href={`/api/declarations/attachments/${a.id}`}>
                  {a.fileName}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

function Row({ k, v }: { k: string; v: string }) {
  return (
    <div className="flex gap-2">
      <dt className="shrink-0 text-slate-500">{k}</dt>
      <dd className="min-w-0 break-words text-slate-800">{v}</dd>
    </div>
  );
}
