import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { assertPoolOrg } from "@/lib/experts/access";
import { POOL_MEMBER_STATUS_INFO, POOL_MEMBER_STATUSES, POOL_PAGE_SIZE } from "@/lib/experts/constants";
import { listPoolMembers } from "@/lib/experts/pool-queries";
import type { PoolListFilter } from "@/lib/experts/schemas";
import { first, oneOf, searchText, type SearchParams } from "@/lib/http/search-params";
import { TITLE_LEVEL_LABELS, TITLE_LEVELS } from "@/lib/roster/constants";
import { SERIES_NAMES } from "@/lib/roster/title-codes";
import { MemberActions } from "./member-actions";
import { POOL_AREAS_BY_KEY, type PoolArea } from "./pool-areas";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** 专家库管理: the organisation's pool with search (系列, 专业, 资格名称, 级别, 工作单位, 状态) and the member actions. */
export async function ExpertPoolPage({ area, searchParams }: { area: PoolArea; searchParams: SearchParams }) {
  const { role, base } = POOL_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const orgId = assertPoolOrg(user);
  const series = first(searchParams.series);
  const filter: PoolListFilter = {
    status: oneOf(POOL_MEMBER_STATUSES, searchParams.status),
    series: series && (SERIES_NAMES as readonly string[]).includes(series) ? series : undefined,
    level: oneOf(TITLE_LEVELS, searchParams.level),
    specialty: searchText(searchParams.specialty),
    title: searchText(searchParams.title),
    workUnit: searchText(searchParams.workUnit),
    q: searchText(searchParams.q),
  };
  const page = parsePage(searchParams.page);
  const { rows, total } = await listPoolMembers(await getDb(), orgId, filter, page);
  const params: Record<string, string | undefined> = { ...filter };

  return (
    <Card
      title={`专家库管理 · ${user.orgName ?? ""}`}
      actions={
        <Link href={`${base}/invite`} className={buttonClass("primary", "sm")}>
          邀请专家 / 批量导入
        </Link>
      }
    >
      <form className="mb-4 grid gap-2 text-sm sm:grid-cols-4" action={base} role="search" aria-label="专家检索">
        <input name="q" defaultValue={filter.q} placeholder="姓名或完整证件号码" aria-label="姓名或证件号码" className={selectClass} />
        <select name="series" defaultValue={filter.series ?? ""} aria-label="系列" className={selectClass}>
          <option value="">全部系列</option>
          {SERIES_NAMES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <input name="specialty" defaultValue={filter.specialty} placeholder="专业" aria-label="专业" className={selectClass} />
        <input name="title" defaultValue={filter.title} placeholder="资格名称" aria-label="资格名称" className={selectClass} />
        <select name="level" defaultValue={filter.level ?? ""} aria-label="级别" className={selectClass}>
          <option value="">全部级别</option>
          {TITLE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {TITLE_LEVEL_LABELS[l]}
            </option>
          ))}
        </select>
        <input name="workUnit" defaultValue={filter.workUnit} placeholder="工作单位" aria-label="工作单位" className={selectClass} />
        <select name="status" defaultValue={filter.status ?? ""} aria-label="状态" className={selectClass}>
          <option value="">全部（不含已移出）</option>
          {POOL_MEMBER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {POOL_MEMBER_STATUS_INFO[s].label}
            </option>
          ))}
        </select>
        <button className={buttonClass("primary", "sm")}>检索</button>
      </form>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="pool-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="whitespace-nowrap px-3 py-2">姓名</th>
              <th className="px-3 py-2">证件号码</th>
              <th className="px-3 py-2">系列 / 专业</th>
              <th className="px-3 py-2">资格名称（级别）</th>
              <th className="px-3 py-2">工作单位</th>
              <th className="px-3 py-2">手机</th>
              <th className="whitespace-nowrap px-3 py-2">状态</th>
              <th className="px-3 py-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的专家
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap px-3 py-2 font-medium">{r.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.maskedIdNumber}</td>
                <td className="px-3 py-2">
                  {r.series ?? "—"} / {r.specialty ?? "—"}
                </td>
                <td className="px-3 py-2">
                  {r.title ?? "—"}（{r.levelLabel}）
                </td>
                <td className="px-3 py-2">{r.workUnit ?? "—"}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.maskedPhone}</td>
                <td className="px-3 py-2">
                  <span className="whitespace-nowrap">
                    <Badge tone={r.statusInfo.tone}>{r.statusInfo.label}</Badge>
                  </span>
                  {r.reason && <p className="mt-1 text-xs text-slate-500">原因：{r.reason}</p>}
                </td>
                <td className="px-3 py-2">
                  <MemberActions memberId={r.id} version={r.version} status={r.status} name={r.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={POOL_PAGE_SIZE} total={total} basePath={base} params={params} />
    </Card>
  );
}
