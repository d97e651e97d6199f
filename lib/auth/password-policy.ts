import { z } from "zod";

/** Shared by forms in the browser and by the server: no hashing code here. */
export const PASSWORD_POLICY = "8–64位，须同时包含字母和数字";

export const passwordSchema = z
  .string()
  .min(8, `密码至少8位（${PASSWORD_POLICY}）`)
  .max(64, "密码最多64位")
  .refine((s) => /[A-Za-z]/.test(s) && /\d/.test(s), `密码须同时包含字母和数字（${PASSWORD_POLICY}）`);
