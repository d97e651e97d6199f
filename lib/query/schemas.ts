import { z } from "zod";
import { captchaField } from "@/lib/captcha/schemas";
import { normalizeIdNumber } from "@/lib/validation/id-number";
import { safeText } from "@/lib/validation/text";

/**
 * The query of docs/domain.md §9: any two of 姓名 / 证件号码 / 证书编号. One schema for the browser form
 * (react-hook-form resolver) and the server (route handler and server action).
 */
export const TWO_OF_THREE_MESSAGE = "请至少填写姓名、证件号码、证书编号中的任意两项";
/** Shown for "no such certificate" and for "these facts do not belong together" alike. */
export const NO_MATCH_MESSAGE = "未查询到符合条件的证书，请核对输入的信息";

/** Trim, NFC, drop every space (names are stored without; a pasted name often carries some). */
export function normalizeQueryName(raw: string): string {
  return raw.normalize("NFC").replace(/[\s\u3000]/g, "");
}

/** Half-width, no spaces, upper-case — the same rule as ID numbers (a certificate number ends in X too). */
export function normalizeCertNo(raw: string): string {
  return normalizeIdNumber(raw);
}

const optionalText = (label: string, max: number) => safeText({ label }).max(max, `最多${max}个字符`).optional().default("");

const keyFields = {
  name: optionalText("姓名", 50),
  idNumber: optionalText("证件号码", 40),
  certNo: optionalText("证书编号", 40),
};

type KeyFields = { name: string; idNumber: string; certNo: string };

function refineKeys(v: KeyFields, ctx: z.RefinementCtx) {
  const name = normalizeQueryName(v.name);
  const idNumber = normalizeIdNumber(v.idNumber);
  const certNo = normalizeCertNo(v.certNo);
  const given = [name, idNumber, certNo].filter(Boolean).length;
  if (given < 2) {
    ctx.addIssue({ code: "custom", path: ["_form"], message: TWO_OF_THREE_MESSAGE });
    return;
  }
  if (idNumber && !/^[0-9A-Z]{5,18}$/.test(idNumber)) {
    ctx.addIssue({ code: "custom", path: ["idNumber"], message: "证件号码应为5–18位字母或数字" });
  }
  if (certNo && !/^\d{17}[\dX]$/.test(certNo)) {
    ctx.addIssue({ code: "custom", path: ["certNo"], message: "证书编号应为18位（前17位为数字，最后一位为数字或X）" });
  }
}

/** Personal area (signed in: no captcha, limited per account). */
export const holderQuerySchema = z.object(keyFields).superRefine(refineKeys);

/** Public verification: the same fields plus the captcha (the ALTCHA widget's solution). */
export const publicQuerySchema = z
  .object({
    ...keyFields,
    captcha: captchaField,
  })
  .superRefine(refineKeys);

export type HolderQueryInput = z.input<typeof holderQuerySchema>;
export type PublicQueryInput = z.input<typeof publicQuerySchema>;

/** The normalised keys a query searches with; an empty string = not given. */
export type QueryKeys = { name: string; idNumber: string; certNo: string };

export function queryKeysOf(v: KeyFields): QueryKeys {
  return { name: normalizeQueryName(v.name), idNumber: normalizeIdNumber(v.idNumber), certNo: normalizeCertNo(v.certNo) };
}
