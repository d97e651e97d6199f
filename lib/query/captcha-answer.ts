import { keyedHash } from "./hash";

// How a captcha answer is compared, in one place: lib/captcha stores the hash when it issues a
// challenge, the certificate query checks it. Kept under lib/query so lib/captcha depends on lib/query
// and never the reverse.

/** "８７ " → "87"; anything that is not a small whole number → null. */
export function normalizeCaptchaAnswer(raw: string): string | null {
  const s = raw.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s/g, "");
  return /^\d{1,4}$/.test(s) ? String(Number(s)) : null;
}

/** The HMAC of (challenge id, normalised answer): the only form in which an answer is stored. */
export function captchaAnswerHash(challengeId: string, answer: string): string {
  return keyedHash("captcha-answer", `${challengeId}:${answer}`);
}
