import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { countCommitteeWork } from "@/lib/batch-submission/queries";
import { countWaitingBatches } from "@/lib/confirmation/batch-queries";
import { countResultsToIssue } from "@/lib/review-results/queries";
import { isCertDivision } from "@/lib/orgs/cert-division";
import { countUnreadPersonNotifications } from "@/lib/notifications/notify";
import { countFilingWork } from "@/lib/filings/queries";

/** One line of an area home page's 待办 card. */
export type PendingItem = { label: string; count: number; href?: string };

/** 待办 of a committee-forming organisation (photos to review, returned records, unread messages) and, for the 专技处, batches to confirm. */
export async function backfillPendingItems(db: Db, user: SessionUser, areaBase: string): Promise<PendingItem[]> {
  const items: PendingItem[] = [];
  if (isCertDivision(user)) {
    const [waiting, results] = await Promise.all([countWaitingBatches(db), countResultsToIssue(db)]);
    items.push({ label: "待确认证书批次", count: waiting.batches, href: "/hrss/confirm" }, { label: "评审结果待发证", count: results, href: "/hrss/confirm/results" });
  }
  const work = await countCommitteeWork(db, user);
  if (work.committees.length > 0) {
    items.push(
      { label: "照片待审核", count: work.photos, href: `${areaBase}/review` },
      { label: "退回待处理", count: work.returned, href: `${areaBase}/review` },
      { label: "可提交记录", count: work.ready, href: `${areaBase}/review` },
      { label: "未读消息", count: work.unread, href: `${areaBase}/review` },
    );
  }
  return items;
}

export async function personPendingItems(db: Db, user: SessionUser): Promise<PendingItem[]> {
  return [{ label: "未读证书补录消息", count: await countUnreadPersonNotifications(db, user.id) }];
}

/**
 * 待办 of 评审权备案 (docs/domain.md §14): filings waiting for this examiner, and approved filings that
 * expire within 90 days — the organisation's own (`filingsBase`) and those it examined (`reviewBase`).
 */
export async function filingPendingItems(db: Db, user: SessionUser, filingsBase: string, reviewBase?: string): Promise<PendingItem[]> {
  const work = await countFilingWork(db, user);
  const items: PendingItem[] = [];
  if (reviewBase) items.push({ label: "待审核评审权备案", count: work.waiting, href: reviewBase });
  items.push({ label: "备案90天内到期", count: work.ownExpiring, href: filingsBase });
  if (reviewBase && work.examinedExpiring > 0) items.push({ label: "所审备案90天内到期", count: work.examinedExpiring, href: reviewBase });
  return items;
}
