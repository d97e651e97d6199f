import { z } from "zod";
import { isIsoDay } from "@/lib/validation/calendar";
import { ID_TYPES, validateIdDocument, type IdCheck } from "@/lib/validation/id-number";
import { safeText } from "@/lib/validation/text";
import { GENDERS, OBTAIN_METHODS, ROSTER_STATUSES, TITLE_LEVELS, type Gender, type ObtainMethod, type TitleLevel } from "./constants";
import { todayInChina } from "./dates";
import { SERIES_NAMES, titleCodeOf } from "./title-codes";

/** Letters (any script), with the separators real names use: 阿卜杜拉·买买提, Mary-Jane O'Neil. */
const NAME_RE = /^[\p{L}\p{M}][\p{L}\p{M}·•・.\s'-]*$/u;
/** Cells must not start like a formula (= + - @) even in free text. */
const NO_FORMULA_START = /^[^=+\-@\t\r]/;

const text = (label: string, max: number) =>
  safeText({ label })
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .regex(NO_FORMULA_START, `${label}不能以 = + - @ 开头`);

const optionalDate = (label: string) =>
  safeText({ label })
    .refine((s) => s === "" || isIsoDay(s), `${label}不是有效日期，请按“2020-12-01”的格式填写`);

/**
 * The fields of one roster record as a form (and an import row, after cell conversion) submits them:
 * all strings, enumerations by code, dates as YYYY-MM-DD, optional values as "".
 */
export const rosterRecordFields = {
  name: text("姓名", 50).regex(NAME_RE, "姓名只能包含文字、间隔号“·”或空格"),
  gender: z.enum(["", ...GENDERS] as const, { error: "性别只能是“男”或“女”" }),
  birthDate: optionalDate("出生日期"),
  idType: z.enum(ID_TYPES, { error: "请选择证件类型" }),
  idNumber: safeText({ label: "证件号码" }).min(1, "请填写证件号码").max(40, "证件号码过长"),
  nationality: safeText({ label: "国籍", max: 50 }),
  workUnit: text("工作单位", 100),
  series: z.enum(SERIES_NAMES, { error: "请选择系列" }),
  specialty: text("专业", 50),
  qualificationName: text("资格名称", 30),
  level: z.enum(TITLE_LEVELS, { error: "请选择级别" }),
  obtainMethod: z.enum(OBTAIN_METHODS, { error: "请选择取得方式" }),
  passDate: safeText({ label: "评审通过时间" }).min(1, "请填写评审通过时间"),
  approvalNo: text("批准文号", 60),
  issuingAuthority: safeText({ label: "发证机关", max: 100 }).refine((s) => s === "" || NO_FORMULA_START.test(s), "发证机关不能以 = + - @ 开头"),
  issueDate: optionalDate("发证日期"),
};

export type RosterRecordFieldsInput = { [K in keyof typeof rosterRecordFields]: z.input<(typeof rosterRecordFields)[K]> };
type FieldsOutput = { [K in keyof typeof rosterRecordFields]: z.output<(typeof rosterRecordFields)[K]> };

/** The values a record is stored with, after normalisation and derivation. */
export type RosterRecordData = {
  name: string;
  gender: Gender;
  birthDate: string;
  idType: (typeof ID_TYPES)[number];
  idNumber: string;
  nationality: string | null;
  workUnit: string;
  series: string;
  specialty: string;
  qualificationName: string;
  level: TitleLevel;
  obtainMethod: ObtainMethod;
  passDate: string;
  passYear: number;
  approvalNo: string;
  issuingAuthority: string | null;
  issueDate: string | null;
};

type Ctx = z.RefinementCtx;

// refine and transform both need the ID check of the same value: remember the last one.
let lastId: { key: string; result: IdCheck } = { key: "", result: { ok: false, message: "" } };
function checkId(type: (typeof ID_TYPES)[number], raw: string): IdCheck {
  const key = `${type}|${raw}`;
  if (lastId.key !== key) lastId = { key, result: validateIdDocument(type, raw) };
  return lastId.result;
}

/** Cross-field rules: ID checksum per type; sex and birth date agree with the ID; dates in range. */
function refineRecord(v: FieldsOutput, ctx: Ctx): void {
  const id = checkId(v.idType, v.idNumber);
  if (!id.ok) {
    ctx.addIssue({ code: "custom", path: ["idNumber"], message: id.message });
  } else {
    if (id.birthDate && v.birthDate && v.birthDate !== id.birthDate) {
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: `出生日期与证件号码不一致（证件号码中为${id.birthDate}）` });
    }
    if (id.gender && v.gender && v.gender !== id.gender) {
      ctx.addIssue({ code: "custom", path: ["gender"], message: `性别与证件号码不一致（证件号码第17位表示${id.gender === "male" ? "男" : "女"}）` });
    }
  }
  if (v.idType === "passport") {
    if (!v.gender) ctx.addIssue({ code: "custom", path: ["gender"], message: "持护照人员须填写性别" });
    if (!v.birthDate) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "持护照人员须填写出生日期" });
    if (!v.nationality) ctx.addIssue({ code: "custom", path: ["nationality"], message: "持护照人员须填写国籍" });
  }
  const today = todayInChina();
  if (v.birthDate && v.birthDate > today) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "出生日期不能晚于今天" });
  if (!isIsoDay(v.passDate)) {
    ctx.addIssue({ code: "custom", path: ["passDate"], message: "评审通过时间不是有效日期，请按“2020-12-01”的格式填写" });
  } else {
    if (v.passDate > today) ctx.addIssue({ code: "custom", path: ["passDate"], message: "评审通过时间不能晚于今天" });
    if (v.passDate < "1950-01-01") ctx.addIssue({ code: "custom", path: ["passDate"], message: "评审通过时间不能早于1950年" });
    if (v.issueDate && v.issueDate < v.passDate) ctx.addIssue({ code: "custom", path: ["issueDate"], message: "发证日期不能早于评审通过时间" });
    const birth = v.birthDate || (id.ok ? id.birthDate : undefined);
    if (birth && birth >= v.passDate) ctx.addIssue({ code: "custom", path: ["passDate"], message: "评审通过时间应晚于出生日期" });
  }
  if (v.issueDate && v.issueDate > today) ctx.addIssue({ code: "custom", path: ["issueDate"], message: "发证日期不能晚于今天" });
  if (!titleCodeOf(v.series, v.level)) {
    ctx.addIssue({ code: "custom", path: ["level"], message: `${v.series}系列没有该级别` });
  }
}

function toRecordData(v: FieldsOutput): RosterRecordData {
  const id = checkId(v.idType, v.idNumber);
  const derived = id.ok ? id : { normalized: v.idNumber, birthDate: undefined, gender: undefined };
  return {
    name: v.name.replace(/\s+/g, " "),
    gender: (v.gender || derived.gender) as Gender,
    birthDate: v.birthDate || (derived.birthDate as string),
    idType: v.idType,
    idNumber: derived.normalized,
    nationality: v.nationality || (v.idType === "resident" ? "中国" : null),
    workUnit: v.workUnit,
    series: v.series,
    specialty: v.specialty,
    qualificationName: v.qualificationName,
    level: v.level,
    obtainMethod: v.obtainMethod,
    passDate: v.passDate,
    passYear: Number(v.passDate.slice(0, 4)),
    approvalNo: v.approvalNo,
    issuingAuthority: v.issuingAuthority || null,
    issueDate: v.issueDate || null,
  };
}

/** The one schema of a roster record, shared by the form (react-hook-form), the actions and the import. */
export const rosterRecordSchema = z.object(rosterRecordFields).superRefine(refineRecord).transform(toRecordData);

type FieldKey = keyof typeof rosterRecordFields;
type FieldCheck = { ok: true; value: unknown } | { ok: false };
/** Distinct values remembered per field: enough for a roster's units, titles and approval numbers. */
const FIELD_CACHE_LIMIT = 4096;

/**
 * The import's way through rosterRecordSchema, for files of thousands of rows. A field's own rules
 * depend only on its value, and a roster repeats the same series, level, unit, title and approval
 * number on every row, so each distinct value of a field is checked once; the cross-field rules and
 * the transform (the same functions) run on every row. A row with any field issue goes through
 * rosterRecordSchema itself, so its issues are exactly the schema's. One parser per file.
 */
export function createRosterRowParser(): (input: RosterRecordFieldsInput) => ReturnType<typeof rosterRecordSchema.safeParse> {
  const crossField = z.custom<FieldsOutput>(() => true).superRefine(refineRecord).transform(toRecordData);
  const keys = Object.keys(rosterRecordFields) as FieldKey[];
  const caches = new Map<FieldKey, Map<unknown, FieldCheck>>(keys.map((k) => [k, new Map()]));
  return (input) => {
    const fields = {} as Record<FieldKey, unknown>;
    for (const key of keys) {
      const value = input[key];
      const cache = caches.get(key)!;
      let check = cache.get(value);
      if (!check) {
        const parsed = rosterRecordFields[key].safeParse(value);
        check = parsed.success ? { ok: true, value: parsed.data } : { ok: false };
        if (cache.size < FIELD_CACHE_LIMIT) cache.set(value, check);
      }
      if (!check.ok) return rosterRecordSchema.safeParse(input);
      fields[key] = check.value;
    }
    return crossField.safeParse(fields);
  };
}

export const createRosterRecordSchema = z
  .object({ ...rosterRecordFields, committeeId: z.uuid("评委会参数无效") })
  .superRefine(refineRecord)
  .transform((v) => ({ committeeId: v.committeeId, data: toRecordData(v) }));

export const updateRosterRecordSchema = z
  .object({ ...rosterRecordFields, id: z.uuid("记录参数无效"), version: z.number().int().min(1) })
  .superRefine(refineRecord)
  .transform((v) => ({ id: v.id, version: v.version, data: toRecordData(v) }));

export const deleteRosterRecordsSchema = z.object({
  committeeId: z.uuid(),
  records: z
    .array(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
    .min(1, "请选择要删除的记录")
    .max(1000, "一次最多删除1000条"),
});

export const publishRosterRecordsSchema = z.object({
  committeeId: z.uuid(),
  /** Absent: every draft of the committee. */
  recordIds: z.array(z.uuid()).min(1).max(5000).optional(),
  /** The count the user confirmed: a different number of drafts means someone changed the roster. */
  expectedCount: z.number().int().min(1, "没有可发布的草稿"),
});

export const importDecisionSchema = z.object({ importId: z.uuid() });

export const rosterListFilterSchema = z.object({
  q: safeText({ label: "关键词", max: 60 }).optional().catch(undefined),
  status: z.enum(ROSTER_STATUSES).optional().catch(undefined),
  series: safeText({ label: "系列", max: 20 }).optional().catch(undefined),
  year: z.coerce.number().int().min(1950).max(2100).optional().catch(undefined),
  sort: z.enum(["created", "name", "certNo"]).optional().catch(undefined),
});
export type RosterListFilter = z.infer<typeof rosterListFilterSchema>;

/** Empty strings from a GET form mean "no filter". */
export function parseRosterListFilter(params: Record<string, string | string[] | undefined>): RosterListFilter {
  const pick = (k: string) => {
    const v = params[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === "" ? undefined : s;
  };
  return rosterListFilterSchema.parse({ q: pick("q"), status: pick("status"), series: pick("series"), year: pick("year"), sort: pick("sort") });
}
