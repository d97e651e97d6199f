import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card } from "@/components/ui/card";
import { parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { DECLARATION_STATUS_LABELS, OBJECTION_STATUS_LABELS, PUBLICITY_STATUS_LABELS } from "@/lib/declarations/constants";
import { getPublicityForUnit, listPublicities } from "@/lib/declarations/review-queries";
import { todayInChina } from "@/lib/filings/constants";
import type { SearchParams } from "@/lib/http/search-params";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import type { ReviewBase } from "./areas";
import { DeclarationTabs, QueuePage } from "./list-pages";
import { FinishPublicity, ObjectionForm, ResolveObjection } from "./publicity-panel";

/** 申报公示: the verified declarations to post (start a 公示), then the unit's 公示 list. */
export async function PublicityListPage({ user, base, searchParams }: { user: SessionUser; base: ReviewBase; searchParams: SearchParams }) {
  const page = parsePage(searchParams.ppage);
  const { rows, total, pageSize } = await listPublicities(await getDb(), user, { page });
  const path = `${base}/declarations/publicity`;
  return (
    <QueuePage user={user} base={base} move="start_publicity" searchParams={searchParams}>
      <h3 className="mt-6 mb-2 text-base font-semibold text-slate-800">公示列表</h3>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="publicity-list">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr className="[&_th]:whitespace-nowrap">
              <th className="px-2 py-2">公示日期</th>
              <th className="px-2 py-2">截止日期</th>
              <th className="px-2 py-2">人数</th>
              <th className="px-2 py-2">待处理异议</th>
              <th className="px-2 py-2">状态</th>
              <th className="px-2 py-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  尚无公示
                </td>
              </tr>
            )}
            {rows.map((p) => (
              <tr key={p.id} className="border-t border-slate-100">
                <td className="whitespace-nowrap px-2 py-2">{p.postedOn}</td>
                <td className="whitespace-nowrap px-2 py-2">{p.endsOn}</td>
                <td className="px-2 py-2">{p.items}</td>
                <td className="px-2 py-2">{p.openObjections}</td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Badge tone={p.status === "open" ? "blue" : "green"}>{PUBLICITY_STATUS_LABELS[p.status]}</Badge>
                </td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Link className="text-brand-700 hover:underline" href={`${path}/${p.id}`}>
                    查看
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > pageSize && (
        <nav aria-label="公示列表分页" className="mt-3 flex gap-3 text-sm">
          {page > 1 && <Link className="text-brand-700 hover:underline" href={`${path}?ppage=${page - 1}`}>上一页</Link>}
          <span className="text-slate-600">共 {total} 次公示，第 {page} 页</span>
          {page * pageSize < total && <Link className="text-brand-700 hover:underline" href={`${path}?ppage=${page + 1}`}>下一页</Link>}
        </nav>
      )}
    </QueuePage>
  );
}

/** One 公示: its declarations, objections (record, resolve) and 结束公示. */
export async function PublicityDetailPage({ user, base, publicityId }: { user: SessionUser; base: ReviewBase; publicityId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(publicityId)) notFound();
  const found = await getPublicityForUnit(await getDb(), user, publicityId);
  if (!found) notFound();
  const { publicity: p, items, objections } = found;
  const today = todayInChina();
  const names = new Map(items.map((i) => [i.declarationId, i.personName]));
  const open = objections.filter((o) => o.status === "open").length;
  const current = items.filter((i) => i.current);
  return (
    <div className="space-y-4">
      <Card
        title={
          <span>
            单位公示（{p.postedOn} 至 {p.endsOn}） <Badge tone={p.status === "open" ? "blue" : "green"}>{PUBLICITY_STATUS_LABELS[p.status]}</Badge>
          </span>
        }
      >
        <DeclarationTabs base={base} current="start_publicity" />
        <p className="text-sm text-slate-700" data-testid="publicity-period">
          公示日期 {p.postedOn}，公示期 {p.workingDays} 个工作日，至 <strong>{p.endsOn}</strong> 止。
          {p.status === "open" && (today > p.endsOn ? "公示期已满。" : "公示期未满，期满后才能结束公示。")}
        </p>
        {p.status === "open" && <FinishPublicity publicityId={p.id} ready={today > p.endsOn && open === 0} openObjections={open} endsOn={p.endsOn} />}
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="publicity-items">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr className="[&_th]:whitespace-nowrap">
                <th className="px-2 py-2">姓名</th>
                <th className="px-2 py-2">证件号码</th>
                <th className="px-2 py-2">申报专业与级别</th>
                <th className="px-2 py-2">状态</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.declarationId} className="border-t border-slate-100">
                  <td className="whitespace-nowrap px-2 py-2">
                    <Link className="text-brand-700 hover:underline" href={`${base}/declarations/${i.declarationId}`}>
                      {i.personName}
                    </Link>
                    {!i.current && <span className="ml-1 text-xs text-slate-500">（已退出本次公示）</span>}
                  </td>
                  <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{i.idNumberMasked}</td>
                  <td className="min-w-36 px-2 py-2">
                    {i.series}·{i.specialty}
                    <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[i.targetLevel]}</span>
                  </td>
                  <td className="whitespace-nowrap px-2 py-2">
                    <Badge tone={DECLARATION_STATUS_LABELS[i.status].tone}>{DECLARATION_STATUS_LABELS[i.status].label}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={`异议（${objections.length}）`}>
        <ul className="space-y-3 text-sm" data-testid="objections">
          {objections.length === 0 && <li className="text-slate-500">未收到异议</li>}
          {objections.map((o) => (
            <li key={o.id} className="rounded border border-slate-200 p-3">
              <p>
                针对 <strong>{names.get(o.declarationId)}</strong>：{o.text}
                <span className="ml-2">
                  <Badge tone={o.status === "open" ? "amber" : o.status === "upheld" ? "red" : "green"}>{OBJECTION_STATUS_LABELS[o.status]}</Badge>
                </span>
              </p>
              <p className="text-xs text-slate-500">
                反映人：{o.filedByName}（{o.filedByContact}），记录于 {o.recordedAt.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}
              </p>
              {o.resolutionReason && <p className="text-slate-600">处理理由：{o.resolutionReason}</p>}
              {o.status === "open" && <ResolveObjection objectionId={o.id} />}
            </li>
          ))}
        </ul>
        {p.status === "open" && current.length > 0 && <ObjectionForm publicityId={p.id} options={current.map((i) => ({ id: i.declarationId, name: i.personName }))} />}
      </Card>
    </div>
  );
}
