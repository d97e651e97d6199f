import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { formatTime } from "@/lib/format";
import { first, type SearchParams, searchText } from "@/lib/http/search-params";
import { listOrgNotifications, listPersonNotifications, type NotificationRow } from "@/lib/notifications/notify";
import { MarkReadButton } from "./mark-read-button";

/** A paged, searchable message list. Searches with its own key (nq); pages with the shared pager's `page`. */
function NotificationsView({ title, rows, total, unread, page, pageSize, basePath, q, owner }: {
  title: string;
  rows: NotificationRow[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
  basePath: string;
  q?: string;
  owner: "person" | "org";
}) {
  return (
    <Card
      title={
        <span>
          {title}
          {unread > 0 && (
            <span className="ml-2 rounded-full bg-red-600 px-2 py-0.5 text-xs text-white" data-testid="unread-count">
              {unread}条未读
            </span>
          )}
        </span>
      }
      actions={unread > 0 ? <MarkReadButton owner={owner} /> : undefined}
    >
      <form action={basePath} className="mb-3 flex gap-2" role="search" aria-label="搜索消息">
        <input name="nq" defaultValue={q} placeholder="搜索消息内容" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">搜索</button>
      </form>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{q ? "没有符合条件的消息。" : "暂无消息。证书补录的每一步进展都会在这里通知您。"}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="notifications">
          {rows.map((n) => (
            <li key={n.id} className="flex flex-wrap items-start gap-2 py-2 text-sm">
              <span data-testid="notification-kind">
                <Badge tone={n.kind === "photo_rejected" || n.kind === "returned" || n.kind === "revoked" ? "red" : n.kind === "confirmed" ? "green" : "blue"}>{n.kindLabel}</Badge>
              </span>
              <span className={`min-w-0 flex-1 ${n.read ? "text-slate-600" : "font-medium text-slate-900"}`}>{n.message}</span>
              <time className="whitespace-nowrap text-xs text-slate-500">{formatTime(n.createdAt)}</time>
            </li>
          ))}
        </ul>
      )}
      {total > pageSize && <Pagination page={page} pageSize={pageSize} total={total} basePath={basePath} params={{ nq: q }} />}
    </Card>
  );
}

function pageOf(searchParams: SearchParams): number {
  return parsePage(first(searchParams.page));
}

/**
 * The professional's messages (on /person): every change of a roster record carrying the account's
 * ID — approved, rejected with reason, submitted, confirmed, returned, revoked, corrected.
 */
export async function PersonNotificationsList({ userId, searchParams, basePath = "/person" }: { userId: string; searchParams: SearchParams; basePath?: string }) {
  const q = searchText(searchParams.nq);
  const page = pageOf(searchParams);
  const r = await listPersonNotifications(await getDb(), userId, { page, q });
  return <NotificationsView title="证书补录消息" {...r} page={page} basePath={basePath} q={q} owner="person" />;
}

/** The committee-forming organisation's messages (returned records, processed batches). */
export async function OrgNotificationsList({ orgId, searchParams, basePath }: { orgId: string; searchParams: SearchParams; basePath: string }) {
  const q = searchText(searchParams.nq);
  const page = pageOf(searchParams);
  const r = await listOrgNotifications(await getDb(), orgId, { page, q });
  return <NotificationsView title="单位消息" {...r} page={page} basePath={basePath} q={q} owner="org" />;
}
