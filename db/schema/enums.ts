/**
 * The values of every PostgreSQL enum, declared once as `as const` tuples. The `pgEnum`s of
 * db/schema/*.ts and the constants of lib (lib/roles.ts, lib/roster/constants.ts,
 * lib/validation/id-number.ts, ...) are both built from these tuples.
 *
 * Why a separate, dependency-free module instead of `userRole.enumValues`: client components
 * (app/_roster/record-form.tsx, app/(auth)/register/person/person-register-form.tsx, ...) import
 * lib/roster/constants.ts and lib/validation/id-number.ts. Importing db/schema from those would put
 * drizzle-orm/pg-core and every table definition into the browser bundle. This file imports nothing,
 * so both sides can use it. Keep it that way: no imports here.
 *
 * Adding a value: add it here, run `npm run db:generate` for the migration, then give it a label in
 * each `Record<…, label>` table (the typecheck lists them).
 */

/** users.role */
export const USER_ROLES = ["person", "unit", "dept", "hrss", "self_unit", "expert", "committee_member"] as const;
/** users.id_type and the certificate subject's id_type (docs/domain.md §10). */
export const ID_TYPES = ["resident", "hmt_permit", "foreign_permanent", "passport"] as const;
/** users.status */
export const USER_STATUSES = ["pending", "active", "disabled", "rejected"] as const;
/** role_grants.status: a revoked grant is kept for the record (docs/domain.md §1). */
export const GRANT_STATUSES = ["active", "revoked"] as const;
/** users.identity_assurance: 自行注册 (typed in by the person) or 实名核验 (vouched for by the provincial SSO, docs/domain.md §11). */
export const IDENTITY_ASSURANCES = ["self_registered", "verified"] as const;

/** orgs.kind */
export const ORG_KINDS = ["hrss", "dept", "unit"] as const;
/** orgs.level */
export const ORG_LEVELS = ["province", "city", "county"] as const;
/** orgs.status */
export const ORG_STATUSES = ["pending", "active", "rejected", "disabled"] as const;

/** 职称级别, highest first (lib/roster/title-codes.ts relies on it): committees.level_from / level_to and the certificate subject's level. */
export const TITLE_LEVELS = ["senior_full", "senior_deputy", "intermediate", "assistant", "junior"] as const;
/** committees.status */
export const COMMITTEE_STATUSES = ["active", "suspended"] as const;

/** Record states and who moves them: docs/domain.md §3 (`superseded` is not used for records). */
export const ROSTER_STATUSES = [
  "draft",
  "awaiting_photo",
  "photo_submitted",
  "photo_approved",
  "submitted",
  "confirmed",
  "returned",
  "revoked",
  "superseded",
] as const;
/** 取得方式: 评审 / 考试 / 认定. */
export const OBTAIN_METHODS = ["review", "exam", "recognition"] as const;
/** roster_records.source */
export const ROSTER_SOURCES = ["manual", "import"] as const;
/** roster_imports.status */
export const ROSTER_IMPORT_STATUSES = ["parsing", "pending", "failed", "committed", "cancelled"] as const;

/**
 * roster_photos.status. pending: uploaded, not yet submitted · submitted: awaiting the committee ·
 * approved: the one printed · rejected: sent back with a reason · replaced: superseded by a newer
 * upload before review.
 */
export const PHOTO_STATUSES = ["pending", "submitted", "approved", "rejected", "replaced"] as const;
/** roster_batches.status */
export const BATCH_STATUSES = ["submitted", "confirmed"] as const;
/** roster_batch_items.result */
export const BATCH_ITEM_RESULTS = ["submitted", "confirmed", "returned"] as const;

/** 有效 / 已撤销 / 已更正 (superseded by a newer version). */
export const CERTIFICATE_STATUSES = ["valid", "revoked", "superseded"] as const;
/** certificate_lookups.channel */
export const LOOKUP_CHANNELS = ["public", "holder", "verify_link"] as const;
/** certificate_lookups.outcome */
export const LOOKUP_OUTCOMES = ["hit", "miss", "limited", "bad_captcha"] as const;

/** audit_log.outcome */
export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type IdType = (typeof ID_TYPES)[number];
export type UserStatus = (typeof USER_STATUSES)[number];
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export type IdentityAssurance = (typeof IDENTITY_ASSURANCES)[number];
export type OrgKind = (typeof ORG_KINDS)[number];
export type OrgLevel = (typeof ORG_LEVELS)[number];
export type OrgStatus = (typeof ORG_STATUSES)[number];
export type TitleLevel = (typeof TITLE_LEVELS)[number];
export type CommitteeStatus = (typeof COMMITTEE_STATUSES)[number];
export type RosterStatus = (typeof ROSTER_STATUSES)[number];
export type ObtainMethod = (typeof OBTAIN_METHODS)[number];
export type RosterSource = (typeof ROSTER_SOURCES)[number];
export type RosterImportStatus = (typeof ROSTER_IMPORT_STATUSES)[number];
export type PhotoStatus = (typeof PHOTO_STATUSES)[number];
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export type BatchItemResult = (typeof BATCH_ITEM_RESULTS)[number];
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export type LookupChannel = (typeof LOOKUP_CHANNELS)[number];
export type LookupOutcome = (typeof LOOKUP_OUTCOMES)[number];
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** id_disputes.status: 证件号码被占用申诉 (docs/domain.md §11). */
export const ID_DISPUTE_STATUSES = ["pending", "upheld", "rejected"] as const;
/** id_disputes.proof_type: what the proof file is, by its content. */
export const DISPUTE_PROOF_TYPES = ["pdf", "jpeg", "png"] as const;
export type IdDisputeStatus = (typeof ID_DISPUTE_STATUSES)[number];
export type DisputeProofType = (typeof DISPUTE_PROOF_TYPES)[number];

/** expert_pool_members.status (docs/domain.md §13): invited → active ⇄ suspended; any → removed. */
export const POOL_MEMBER_STATUSES = ["invited", "active", "suspended", "removed"] as const;
/** expert_conflicts.kind: a declared unit or a declared person (回避声明). */
export const CONFLICT_KINDS = ["unit", "person"] as const;
/** expert_conflicts.relation: 同单位, 近亲属, 师生, 合作 (within 3 years). */
export const CONFLICT_RELATIONS = ["same_unit", "relative", "mentor", "collaborator"] as const;
export type PoolMemberStatus = (typeof POOL_MEMBER_STATUSES)[number];
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export type ConflictRelation = (typeof CONFLICT_RELATIONS)[number];

/** committee_terms.status (docs/domain.md §14): draft → filed (a filing names it) → active → ended. */
export const TERM_STATUSES = ["draft", "filed", "active", "ended"] as const;
/** committee_term_members.position: 主任委员, 副主任委员, 委员 (EVALUATION §7); 评议组组长 is only a default flag. */
export const TERM_POSITIONS = ["chair", "vice_chair", "member"] as const;
/** committee_filings.status (docs/domain.md §14): a return goes back to `draft` with its reason; `expired` is computed on read from valid_to. */
export const FILING_STATUSES = ["draft", "submitted", "dept_approved", "approved", "revoked"] as const;
/** committee_filings.scope: 按系列 / 按专业 (sets the minimum member count). */
export const FILING_SCOPES = ["series", "specialty"] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];
export type TermPosition = (typeof TERM_POSITIONS)[number];
export type FilingStatus = (typeof FILING_STATUSES)[number];
export type FilingScope = (typeof FILING_SCOPES)[number];

/** working_day_overrides.kind (docs/domain.md, 工作日): the day is a working day or a day off, whatever the library says. */
export const WORKING_DAY_KINDS = ["workday", "holiday"] as const;
export type WorkingDayKind = (typeof WORKING_DAY_KINDS)[number];
/**
 * declarations.status (docs/domain.md §16, EVALUATION §3 and §7). The unit stages and acceptance are moved
 * by lib/declarations/transitions.ts; in_review and the later ones are declared here and moved by the
 * review-round issues.
 */
export const DECLARATION_STATUSES = [
  "draft",
  "submitted",
  "unit_verified",
  "in_publicity",
  "unit_recommended",
  "dept_approved",
  "hrss_checked",
  "accepted",
  "returned",
  "withdrawn",
  "rejected",
  "abandoned",
  "in_review",
  "passed",
  "failed",
  "result_publicity",
  "confirmed",
  "on_hold",
  "disqualified",
  "withheld",
] as const;
/** declaration_batches.status: a committee's yearly 申报批次. */
export const DECLARATION_BATCH_STATUSES = ["draft", "open", "closed"] as const;
/** 学历 of the eligibility table and the declaration's education entries. */
export const EDUCATION_LEVELS = ["doctorate", "master", "bachelor", "associate", "secondary"] as const;
/** declaration_attachments.mime: by content, never by name. */
export const ATTACHMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
/** publicities.status: 单位公示 open until finished (after ends_on, every objection resolved). */
export const PUBLICITY_STATUSES = ["open", "finished"] as const;
/** publicity_objections.status: open, kept (objection not upheld, the declaration stays) or upheld. */
export const OBJECTION_STATUSES = ["open", "kept", "upheld"] as const;
/** declaration_withdrawals.status: a request to withdraw after unit_verified, decided by the office holding it. */
export const WITHDRAWAL_STATUSES = ["pending", "approved", "refused", "cancelled"] as const;
/** 基本信息 人员状态 (jsonb, not a pgEnum): 在职 or 已退休 — retirees cannot declare (docs/domain.md §16). */
export const EMPLOYMENT_STATUSES = ["in_service", "retired"] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
/** 业绩成果 kinds: 论文, 项目, 奖项, 专利 (jsonb entries, not a pgEnum). */
export const ACHIEVEMENT_KINDS = ["paper", "project", "award", "patent"] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
export type DeclarationBatchStatus = (typeof DECLARATION_BATCH_STATUSES)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number];
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];

/**
 * review_rounds.state (docs/domain.md §17, EVALUATION §7 "Rounds"): draft → distributed → panel_review →
 * ballot_open → closed → signed → publicity → confirmed, or cancelled before signing. publicity and
 * confirmed are moved by the results issue.
 */
export const ROUND_STATES = ["draft", "distributed", "panel_review", "ballot_open", "closed", "signed", "publicity", "confirmed", "cancelled"] as const;
/**
 * round_conflicts.category: why a member is blocked from a candidate (EVALUATION §4.3, §7 "Conflicts").
 * The 主任 sees the category, never the declared ID number behind `declared_id`.
 */
export const BLOCK_CATEGORIES = ["self", "same_unit", "same_department", "declared_id", "declared_unit", "open_declaration", "level_below", "confirmed_suggestion"] as const;
/** round_conflicts.source: computed by a rule (always blocks) or suggested with evidence (the 主任 pins or dismisses it). */
export const CONFLICT_SOURCES = ["rule", "suggestion"] as const;
/** round_conflicts.status: `blocking` (a rule), `suggested` (waiting for the 主任), `pinned` (confirmed: blocks), `dismissed` (with reason). */
export const ROUND_CONFLICT_STATUSES = ["blocking", "suggested", "pinned", "dismissed"] as const;
/** ballot_staging.choice / ballot_votes.choice: 同意 / 不同意 / 弃权. */
export const BALLOT_CHOICES = ["yes", "no", "abstain"] as const;
/** tallies.result: passed, failed, or deferred (too few eligible members present: never passed with no votes). */
export const TALLY_RESULTS = ["passed", "failed", "deferred"] as const;
/** tally_confirmations.kind: a staff member of the forming organisation, or an expert 监票人. */
export const TALLY_CONFIRMER_KINDS = ["staff", "scrutineer"] as const;
export type RoundState = (typeof ROUND_STATES)[number];
export type BlockCategory = (typeof BLOCK_CATEGORIES)[number];
export type ConflictSource = (typeof CONFLICT_SOURCES)[number];
export type RoundConflictStatus = (typeof ROUND_CONFLICT_STATUSES)[number];
export type BallotChoice = (typeof BALLOT_CHOICES)[number];
export type TallyResult = (typeof TALLY_RESULTS)[number];
export type TallyConfirmerKind = (typeof TALLY_CONFIRMER_KINDS)[number];

/** round_results.kind: 人社部门's 确认 (committees of 人社部门 / 主管部门) or the 备案 of a 自主评审单位's result. */
export const ROUND_RESULT_KINDS = ["confirmation", "filing_record"] as const;
export type RoundResultKind = (typeof ROUND_RESULT_KINDS)[number];
