/**
 * The 主任 signs the tally after re-entering the password (EVALUATION §7: the one irreversible act of the
 * round is re-authenticated like the ballot sheet). The signature itself is `signTally`.
 */
import { z } from "zod";
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import type { RoundActor } from "./access";
import { passwordChecker, WRONG_PASSWORD } from "./ballot";
import { roundStepSchema } from "./schemas";
import { signTally } from "./tally";

export const signTallySchema = roundStepSchema.extend({ password: z.string({ error: "请输入登录密码" }).min(1, "请输入登录密码").max(200) });
export type SignTallyInput = z.infer<typeof signTallySchema>;

export async function signTallyWithPassword(tx: Db, actor: RoundActor, input: SignTallyInput & { ip?: string | null }) {
  if (!(await passwordChecker(tx)(actor.id, input.password))) throw new UserError(WRONG_PASSWORD, { password: WRONG_PASSWORD });
  return signTally(tx, actor, { roundId: input.roundId, version: input.version, ip: input.ip });
}
