import type { SessionUser } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";

export type ProvinceActor = Pick<SessionUser, "id" | "role" | "orgId" | "orgIsCertDivision">;

/** The provincial 专技处 (an hrss account of the organisation flagged isCertDivision): confirms, returns, revokes, corrects. */
export function isCertDivision(actor: ProvinceActor): boolean {
  return actor.role === "hrss" && actor.orgIsCertDivision && !!actor.orgId;
}

export function assertCertDivision(actor: ProvinceActor): void {
  if (!isCertDivision(actor)) throw new ForbiddenError("仅省人社厅专技处可以确认、退回、撤销或更正证书");
}
