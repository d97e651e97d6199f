import type { ReactNode } from "react";
import { Badge, Card } from "@/components/ui/card";
import { ACHIEVEMENT_KIND_LABELS, EDUCATION_LABELS, SECTION_LABELS, type DeclarationSection } from "@/lib/declarations/constants";
import type { CandidateMaterials } from "@/lib/review-rounds/candidate-materials";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";

function Dl({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm xl:grid-cols-2">
      {rows.map(([k, v]) => (
        <div key={k} className="flex gap-2">
          <dt className="w-20 shrink-0 text-slate-500">{k}</dt>
          <dd className="min-w-0 break-words text-slate-800">{v || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

function slotLabel(slot: string, achievements: { id: string; title: string }[]): string {
  if (slot.startsWith("achievement:")) return `业绩成果：${achievements.find((a) => `achievement:${a.id}` === slot)?.title ?? "（已删除）"}`;
  return SECTION_LABELS[slot as DeclarationSection] ?? slot;
}

/** The candidate's declaration as a reviewer reads it (no ID number, phone or e-mail). */
export function MaterialsView({ m }: { m: CandidateMaterials }) {
  return (
    <div className="space-y-4" data-testid="materials">
      <Card title="申报信息">
        <Dl
          rows={[
            ["姓名", m.personName],
            ["所在单位", m.unitName],
            ["系列/专业", `${m.series}·${m.specialty}`],
            ["申报级别", TITLE_LEVEL_LABELS[m.targetLevel]],
            ["性别", m.basic?.gender],
            ["出生日期", m.basic?.birthDate],
            ["所在部门", m.basic?.department],
            ["现任岗位", m.basic?.post],
          ]}
        />
      </Card>
      <Card title="学历信息">
        <ul className="space-y-1 text-sm">
          {m.education.map((e) => (
            <li key={e.id}>
              {e.from} 至 {e.to}　{e.school}　{e.major}　{EDUCATION_LABELS[e.level]}
              {e.degree && `（${e.degree}）`}
              {!e.fullTime && "　非全日制"}
            </li>
          ))}
          {m.education.length === 0 && <li className="text-slate-500">未填写</li>}
        </ul>
      </Card>
      <Card title="工作经历">
        <ul className="space-y-1 text-sm">
          {m.work.map((w) => (
            <li key={w.id}>
              {w.from} 至 {w.to ?? "今"}　{w.employer}　{w.post}
            </li>
          ))}
          {m.work.length === 0 && <li className="text-slate-500">未填写</li>}
        </ul>
      </Card>
      <Card title="现任职称">
        <Dl
          rows={[
            ["现任职称", m.currentTitle],
            ["级别", m.currentTitleLevel ? TITLE_LEVEL_LABELS[m.currentTitleLevel] : null],
            ["取得时间", m.currentTitleDate],
          ]}
        />
      </Card>
      <Card title="业绩成果">
        <ul className="space-y-2 text-sm">
          {m.achievements.map((a) => (
            <li key={a.id}>
              <Badge tone="slate">{ACHIEVEMENT_KIND_LABELS[a.kind]}</Badge> {a.title}　{a.date}
              {a.detail && <p className="text-slate-600">{a.detail}</p>}
            </li>
          ))}
          {m.achievements.length === 0 && <li className="text-slate-500">未填写</li>}
        </ul>
      </Card>
      <Card title="附件">
        <ul className="space-y-1 text-sm" data-testid="attachments">
          {m.attachments.map((a) => (
            <li key={a.id}>
              <span className="text-slate-500">{slotLabel(a.slot, m.achievements)}：</span>
              <a className="text-brand-700 hover:underline" href={`/api/declarations/attachments/${a.id}`}>
                {a.fileName}
              </a>
              <span className="ml-1 text-xs text-slate-500">{Math.ceil(a.size / 1024)} KB</span>
            </li>
          ))}
          {m.attachments.length === 0 && <li className="text-slate-500">无附件</li>}
        </ul>
      </Card>
    </div>
  );
}
