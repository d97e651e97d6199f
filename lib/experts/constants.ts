// From db/schema/enums.ts, not db/schema: client components import this file (see enums.ts).
import {
  CONFLICT_KINDS,
  CONFLICT_RELATIONS,
  POOL_MEMBER_STATUSES,
  type ConflictKind,
  type ConflictRelation,
  type PoolMemberStatus,
} from "@/db/schema/enums";
import type { Tone } from "@/lib/tone";

export { CONFLICT_KINDS, CONFLICT_RELATIONS, POOL_MEMBER_STATUSES, type ConflictKind, type ConflictRelation, type PoolMemberStatus };

/** Pool member states (docs/domain.md §13) with their labels and badge tones. */
export const POOL_MEMBER_STATUS_INFO: Record<PoolMemberStatus, { label: string; tone: Tone }> = {
  invited: { label: "已邀请", tone: "amber" },
  active: { label: "在库", tone: "green" },
  suspended: { label: "已暂停", tone: "slate" },
  removed: { label: "已移出", tone: "red" },
};

export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = { unit: "单位", person: "人员" };

export const CONFLICT_RELATION_LABELS: Record<ConflictRelation, string> = {
  same_unit: "同单位",
  relative: "近亲属",
  mentor: "师生",
  collaborator: "合作（三年内）",
};

/** Pool list page size: keyset-free OFFSET is fine at this size with the (org_id, invited_at, id) index (tests/bench/evaluation.bench.ts). */
export const POOL_PAGE_SIZE = 20;

/** An expert-pool workbook holds at most this many rows (a pool, not a roster): parsed in the request. */
export const POOL_IMPORT_MAX_ROWS = 2000;
export const POOL_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
