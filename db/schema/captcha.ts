import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Proof-of-work captcha challenges already redeemed (docs/domain.md §9). A challenge is signed and
 * stateless until it is used; its id is inserted here on first use, so the primary key makes a
 * second use — even a concurrent one — fail. Rows are useless once the challenge has expired.
 */
export const captchaRedemptions = pgTable("captcha_redemptions", {
  challengeId: text("challenge_id").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export type CaptchaRedemption = typeof captchaRedemptions.$inferSelect;
