import type { Db } from "@/db/client";
import { checkAndRedeemCaptcha } from "@/lib/captcha/redeem";

/**
 * The dispute filing's captcha: the same ALTCHA proof-of-work as the public query and registration
 * (docs/domain.md §9). A solution is verified and redeemed once, whatever happens to the filing.
 */
export async function verifyCaptcha(db: Db, payload: string): Promise<boolean> {
  return checkAndRedeemCaptcha(db, payload);
}
