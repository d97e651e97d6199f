import Link from "next/link";
import { type CommitteeArea, requireCommitteePage } from "@/app/_area/committee-page";
import { WorkspaceTabs } from "@/app/_batch-submission/workspace-tabs";
import { Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { first, type SearchParams, searchText } from "@/lib/http/search-params";
import { listPhotosForReview, type PhotoReviewTab } from "@/lib/photo-review/queries";
import { PhotoGrid } from "./photo-grid";

/** 照片审核: submitted photos with the record's key fields; approve one or many, or return with a reason. */
export async function PhotoReviewPage({ area, committeeId, searchParams }: { area: CommitteeArea; committeeId: string; searchParams: SearchParams }) {
  const { user, committee, reviewPath: base, rosterPath: rosterBase } = await requireCommitteePage(area, committeeId);
  const tab: PhotoReviewTab = first(searchParams.tab) === "approved" ? "approved" : "pending";
  const q = searchText(searchParams.q);
  const page = parsePage(first(searchParams.page));
  const r = await listPhotosForReview(await getDb(), user, committee.id, { tab, q, page });
  const path = `${base}/photos`;
  return (
    <Card title={`照片审核 · ${committee.name}`}>
      <WorkspaceTabs base={base} rosterBase={rosterBase} active="photos" counts={{ photos: r.counts.pending }} />
      <div className="mt-5 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="审核状态" className="flex gap-2 text-sm">
          <Link href={path} className={`rounded px-3 py-1 ${tab === "pending" ? "bg-brand-600 text-white" : "bg-slate-100"}`} data-testid="tab-pending">
            待审核（{r.counts.pending}）
          </Link>
          <Link href={`${path}?tab=approved`} className={`rounded px-3 py-1 ${tab === "approved" ? "bg-brand-600 text-white" : "bg-slate-100"}`} data-testid="tab-approved">
            已通过未提交（{r.counts.approved}）
          </Link>
        </nav>
        <form action={path} className="flex gap-2" role="search">
          {tab === "approved" && <input type="hidden" name="tab" value="approved" />}
          <input name="q" defaultValue={q} placeholder="姓名、证件号码或证书编号" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">查询</button>
        </form>
      </div>
      <p className="mt-3 text-xs text-slate-500">
        {tab === "pending"
          ? "请核对照片是否为本人近期正面免冠证件照、背景是否为白色。退回时请写明原因，专业技术人员将收到通知并重新上传。"
          : "已通过的照片在提交省人社厅之前仍可撤回通过（退回重新上传）。"}
      </p>
      <div className="mt-4">
        <PhotoGrid committeeId={committee.id} tab={tab} rows={r.rows} />
      </div>
      <Pagination page={page} pageSize={r.pageSize} total={r.total} basePath={path} params={{ tab: tab === "approved" ? "approved" : undefined, q }} />
    </Card>
  );
}
