import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// argon2id (the library's default algorithm) with OWASP's minimum-memory profile.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

export const PASSWORD_POLICY = "8–64位，须同时包含字母和数字";

export const passwordSchema = z
  .string()
  .min(8, `密码至少8位（${PASSWORD_POLICY}）`)
  .max(64, "密码最多64位")
  .refine((s) => /[A-Za-z]/.test(s) && /\d/.test(s), `密码须同时包含字母和数字（${PASSWORD_POLICY}）`);
