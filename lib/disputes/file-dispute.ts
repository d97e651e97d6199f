import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idDisputes, notifications, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/db-errors";
import { UserError } from "@/lib/errors";
import { hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import { validateIdDocument } from "@/lib/validation/id-number";
import { BAD_CAPTCHA_MESSAGE } from "@/lib/captcha/pow";
import { verifyCaptcha } from "./captcha";
import { DISPUTE_FILING_WINDOW_SEC, DISPUTE_FILINGS_PER_ADDRESS, PROOF_MAX_BYTES } from "./constants";
import { disputeMessages } from "./messages";
import { PROOF_SIZE_MESSAGE, PROOF_TYPE_MESSAGE, sniffProofType } from "./proof";
import { resolveDisputeRegionOrg } from "./region";
import type { DisputeFilingInput } from "./schemas";

const NOT_TAKEN = "该证件号码尚未注册，无需申诉，请直接注册个人账号";

const filingLimitKey = (ip: string | null) => `dispute-file:${ip ?? "unknown"}`;
const throttledMessage = (retryAfterSec: number) => `提交过于频繁，请${Math.max(1, Math.ceil(retryAfterSec / 60))}分钟后再试`;

/**
 * The per-address limit, read without counting: the filing route asks before it reads the body, so
 * an address over its limit cannot make the server buffer another 10 MB upload. Null when admitted.
 */
export async function disputeFilingRefusal(db: Db, ip: string | null): Promise<string | null> {
  const gate = await peekRateLimit(db, filingLimitKey(ip), DISPUTE_FILINGS_PER_ADDRESS, DISPUTE_FILING_WINDOW_SEC);
  return gate.allowed ? null : throttledMessage(gate.retryAfterSec);
}

/**
 * 证件号码被占用申诉 (docs/domain.md §11), filed by someone who cannot register because the ID is
 * taken: the public gate (address limit → captcha), then recordIdDispute.
 */
export async function fileIdDispute(
  db: Db,
  input: DisputeFilingInput,
  proof: Buffer,
  ip: string | null,
): Promise<{ disputeId: string; userId: string }> {
  const limit = await hitRateLimit(db, filingLimitKey(ip), DISPUTE_FILINGS_PER_ADDRESS, DISPUTE_FILING_WINDOW_SEC);
  if (!limit.allowed) throw new UserError(throttledMessage(limit.retryAfterSec));
  if (!(await verifyCaptcha(db, input.captcha))) {
    throw new UserError(BAD_CAPTCHA_MESSAGE, { captcha: BAD_CAPTCHA_MESSAGE });
  }
  return recordIdDispute(db, input, proof, ip);
}

/** What a filing records once past the public gate (the captcha and confirmations already checked). */
export type DisputeRecordInput = Pick<DisputeFilingInput, "name" | "idType" | "idNumber" | "nationality" | "phone" | "username" | "password" | "statement">;

/**
 * The filing after the gate: proof by content → one transaction (an active person account WITHOUT
 * an ID, which sees only the dispute's status until upheld; the dispute holding the claimed ID and
 * the proof; the audit row; a message to the filer). Only fileIdDispute (the public route) and the
 * demo seed (db/seed-disputes.ts, no visitor involved) call it.
 */
export async function recordIdDispute(
  db: Db,
  input: DisputeRecordInput,
  proof: Buffer,
  ip: string | null,
): Promise<{ disputeId: string; userId: string }> {
  if (proof.length > PROOF_MAX_BYTES) throw new UserError(PROOF_SIZE_MESSAGE, { proof: PROOF_SIZE_MESSAGE });
  const proofType = sniffProofType(proof);
  if (!proofType) throw new UserError(PROOF_TYPE_MESSAGE, { proof: PROOF_TYPE_MESSAGE });
  const check = validateIdDocument(input.idType, input.idNumber);
  if (!check.ok) throw new UserError(check.message, { idNumber: check.message });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [occupant] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.idType, input.idType), eq(users.idNumber, check.normalized)))
        .limit(1);
      if (!occupant) throw new UserError(NOT_TAKEN, { idNumber: NOT_TAKEN });
      const [dupUser] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).limit(1);
      if (dupUser) throw new UserError("该用户名已被使用", { username: "该用户名已被使用，请换一个" });
      const regionOrgId = await resolveDisputeRegionOrg(tx, input.idType, check.normalized);
      const [filer] = await tx
        .insert(users)
        .values({
          username: input.username,
          role: "person",
          name: input.name,
          nationality: input.idType === "passport" ? (input.nationality ?? null) : null,
          phone: input.phone,
          passwordHash,
          status: "active",
          sensitiveConsentAt: new Date(),
        })
        .returning({ id: users.id });
      const [dispute] = await tx
        .insert(idDisputes)
        .values({
          filerId: filer.id,
          occupantId: occupant.id,
          claimedName: input.name,
          claimedIdType: input.idType,
          claimedIdNumber: check.normalized,
          regionOrgId,
          statement: input.statement,
          proofType,
          proofData: proof,
          proofBytes: proof.length,
          proofSha256: createHash("sha256").update(proof).digest("hex"),
        })
        .returning({ id: idDisputes.id });
      await tx.insert(notifications).values({ userId: filer.id, kind: "id_dispute_filed", message: disputeMessages.filed });
      await writeAudit(tx, {
        actorId: filer.id,
        actorRole: "person",
        action: "dispute.file",
        targetType: "id_dispute",
        targetId: dispute.id,
        outcome: "success",
        ip,
        detail: { idType: input.idType, occupantId: occupant.id, regionOrgId, proofType, proofBytes: proof.length },
      });
      return { disputeId: dispute.id, userId: filer.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserError("该用户名已被使用", { username: "该用户名已被使用，请换一个" });
    throw err;
  }
}
