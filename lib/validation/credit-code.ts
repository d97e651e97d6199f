/** 统一社会信用代码 (GB 32100-2015). */

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function normalizeCreditCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, "")
    .toUpperCase();
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeCheck = { ok: true; normalized: string } | { ok: false; message: string };

export function validateCreditCode(raw: string): CreditCodeCheck {
  const code = normalizeCreditCode(raw ?? "");
  if (!code) return { ok: false, message: "请填写统一社会信用代码" };
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为18位，当前为${code.length}位` };
  const bad = [...code].find((c) => !ALPHABET.includes(c));
  if (bad) return { ok: false, message: `统一社会信用代码含有非法字符“${bad}”（不使用I、O、Z、S、V）` };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return { ok: false, message: `统一社会信用代码校验位错误：最后一位应为“${expected}”，请核对` };
  }
  return { ok: true, normalized: code };
}
