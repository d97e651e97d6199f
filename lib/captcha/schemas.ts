import { z } from "zod";

/**
 * The form field the ALTCHA widget fills (components/captcha/captcha-widget.tsx): base64 JSON of the
 * challenge and its solution. Only its presence is checked here (the browser form shares this);
 * lib/captcha/pow.ts checks the work on the server.
 */
export const CAPTCHA_REQUIRED_MESSAGE = "请先完成人机验证（勾选“我不是机器人”）";

export const captchaField = z.string({ error: CAPTCHA_REQUIRED_MESSAGE }).min(1, CAPTCHA_REQUIRED_MESSAGE).max(4096, CAPTCHA_REQUIRED_MESSAGE);
