// From db/schema/enums.ts, not db/schema: client components import this file (see enums.ts).
import {
  OBTAIN_METHODS,
  ROSTER_STATUSES,
  TITLE_LEVELS,
  type ObtainMethod,
  type RosterStatus,
  type TitleLevel,
} from "@/db/schema/enums";
import type { Tone } from "@/lib/tone";
import { ID_TYPE_LABELS, type IdType } from "@/lib/validation/id-number";

/** One table of the record states (docs/domain.md §3) with their Chinese labels and badge tones. */
export const ROSTER_STATUS_INFO: Record<RosterStatus, { label: string; tone: Tone }> = {
  draft: { label: "草稿", tone: "slate" },
  awaiting_photo: { label: "待上传照片", tone: "amber" },
  photo_submitted: { label: "照片待审核", tone: "blue" },
  photo_approved: { label: "照片已通过", tone: "blue" },
  submitted: { label: "已提交确认", tone: "blue" },
  confirmed: { label: "已确认", tone: "green" },
  returned: { label: "已退回", tone: "red" },
  revoked: { label: "已撤销", tone: "red" },
  superseded: { label: "已更正", tone: "slate" },
};
export { ROSTER_STATUSES, TITLE_LEVELS, OBTAIN_METHODS, type TitleLevel, type ObtainMethod };

export const TITLE_LEVEL_LABELS: Record<TitleLevel, string> = {
  senior_full: "正高级",
  senior_deputy: "副高级",
  intermediate: "中级",
  assistant: "助理级",
  junior: "员级",
};
/** Higher number = higher level; used to check a committee's level range. */
export const TITLE_LEVEL_RANK: Record<TitleLevel, number> = { junior: 1, assistant: 2, intermediate: 3, senior_deputy: 4, senior_full: 5 };

export const OBTAIN_METHOD_LABELS: Record<ObtainMethod, string> = { review: "评审", exam: "考试", recognition: "认定" };

export const GENDERS = ["male", "female"] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: "男", female: "女" };

export { ID_TYPE_LABELS, type IdType };

/** Import limits (docs/domain.md §4): checked before a workbook is parsed, except the row count. */
export const IMPORT_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxZipEntries: 500,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxDataRows: 50_000,
  /** The header row must appear within the first rows of a sheet (a title may sit above it). */
  headerSearchRows: 20,
  // What the streaming reader may read (docs/xlsx-import.md, "Limits while reading"): a 3.5 KB file of
  // 20,000 rows with one cell in column XFD must not cost gigabytes or minutes.
  /** Every <row> element of the workbook counts, empty ones and those above the header included. */
  maxSheetRows: 51_000,
  /** A cell holding a value beyond this column refuses the file (the template has 16 columns). */
  maxColumns: 40,
  /** Every <c> element of the workbook counts. */
  maxCells: 2_000_000,
  maxSharedStrings: 1_000_000,
  /** Decoded characters of all shared strings together. */
  maxSharedStringChars: 32 * 1024 * 1024,
  /** Inflated bytes of one worksheet or shared-strings part; workbook, relationships and styles get less. */
  maxPartBytes: 100 * 1024 * 1024,
  maxSmallPartBytes: 8 * 1024 * 1024,
  /** Wall-clock budget of one file's parse in its worker; the worker is terminated when it runs out. */
  parseSeconds: 60,
  /** Old-generation heap of a parse worker: a workbook that needs more fails instead of the server. */
  parseWorkerHeapMb: 256,
  /**
   * Uploads that may wait for a parse slot. Each holds its file (≤ 10 MB) while it waits, and each parse
   * before it may take `parseSeconds`: the queue bounds both the memory and the wait. Beyond it an
   * upload fails at once with PARSE_BUSY_MESSAGE.
   */
  parseQueue: 6,
} as const;

/** Rows of the template whose 姓名 starts with this marker are examples and never imported. */
export const EXAMPLE_MARKER = "【示例】";
