import type { QueueMove } from "@/lib/declarations/review-queries";

/** The examiner areas showing declarations, by route base. */
export type ReviewBase = "/unit" | "/self-unit" | "/dept" | "/hrss";

/** The route (under `${base}/declarations`) and title of each work queue. */
export const QUEUE_PAGES: Record<QueueMove, { path: string; title: string; verb: string }> = {
  unit_verify: { path: "verify", title: "单位内部核验", verb: "审核通过" },
  start_publicity: { path: "publicity", title: "申报公示", verb: "开始公示" },
  unit_recommend: { path: "recommend", title: "单位推荐", verb: "推荐上报" },
  dept_approve: { path: "review", title: "职称评审推荐审核", verb: "审核通过" },
  hrss_check: { path: "check", title: "人社部门审核", verb: "审核通过" },
  accept: { path: "accept", title: "受理（形式审查）", verb: "受理" },
};

/** The queues each area has (a 人社部门 is also a 申报点 and a forming organisation). */
export const AREA_QUEUES: Record<ReviewBase, QueueMove[]> = {
  "/unit": ["unit_verify", "start_publicity", "unit_recommend"],
  "/self-unit": ["unit_verify", "start_publicity", "unit_recommend", "accept"],
  "/dept": ["dept_approve", "accept"],
  "/hrss": ["hrss_check", "accept", "unit_verify", "start_publicity", "unit_recommend"],
};

export const queueHref = (base: ReviewBase, move: QueueMove) => `${base}/declarations/${QUEUE_PAGES[move].path}`;

