import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { auditBase, writeAudit } from "@/lib/audit";
import { currentRequestIp, getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { describeUnexpected, ForbiddenError, UserError } from "@/lib/errors";
import type { Role } from "@/lib/roles";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

export type ActionContext<I> = {
  input: I;
  user: SessionUser;
  /** The open transaction: every write of the action and its audit row commit together (the plain db when `readOnly`). */
  tx: Db;
  ip: string | null;
};

export type AuditTarget = { targetType: string; targetId: string; detail?: Record<string, unknown> };

type Handler<I, T> = (ctx: ActionContext<I>) => Promise<{ data: T; audit: AuditTarget; message?: string }>;

/** A path to revalidate after a successful commit; `layout` refreshes every page under it. */
export type RevalidateTarget = string | { path: string; type: "layout" | "page" };

/** Flatten zod issues to { field: first message }. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The five steps of every server action: session → zod → role (ownership is asserted inside the
 * handler against the loaded record) → domain call in one transaction with its audit row → typed result,
 * then `revalidate` once the transaction has committed. `readOnly`: no transaction (a rate-limit count
 * inside a rolled-back transaction would limit nothing); the audit row is a plain write after the handler.
 */
export function protectedAction<S extends z.ZodType, T>(opts: {
  name: string;
  roles: readonly Role[];
  schema: S;
  readOnly?: boolean;
  revalidate?: readonly RevalidateTarget[] | ((input: z.infer<S>, data: T) => readonly RevalidateTarget[]);
  handler: Handler<z.infer<S>, T>;
}): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: "登录已过期，请重新登录" };
    const ip = await currentRequestIp();
    const db = await getDb();
    const base = auditBase(user, opts.name, ip);

    if (!opts.roles.includes(user.role)) {
      await writeAudit(db, { ...base, outcome: "denied", detail: { reason: "role" } });
      return { ok: false, message: "您无权执行此操作" };
    }
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      return { ok: false, message: "提交的内容有误，请按提示修改", fieldErrors };
    }
    let out: Awaited<ReturnType<Handler<z.infer<S>, T>>>;
    try {
      if (opts.readOnly) {
        out = await opts.handler({ input: parsed.data, user, tx: db, ip });
        await writeAudit(db, { ...base, outcome: "success", ...out.audit });
      } else {
        out = await db.transaction(async (tx) => {
          const result = await opts.handler({ input: parsed.data, user, tx, ip });
          await writeAudit(tx, { ...base, outcome: "success", ...result.audit });
          return result;
        });
      }
    } catch (err) {
      if (err instanceof ForbiddenError) {
        await writeAudit(db, { ...base, outcome: "denied", detail: { reason: err.message } });
        return { ok: false, message: err.message };
      }
      if (err instanceof UserError) {
        await writeAudit(db, { ...base, outcome: "failure", detail: { reason: err.message } });
        return { ok: false, message: err.message, fieldErrors: err.fieldErrors };
      }
      return { ok: false, message: describeUnexpected(err, opts.name) };
    }
    if (opts.revalidate) {
      const targets = typeof opts.revalidate === "function" ? opts.revalidate(parsed.data, out.data) : opts.revalidate;
      for (const t of targets) {
        if (typeof t === "string") revalidatePath(t);
        else revalidatePath(t.path, t.type);
      }
    }
    return { ok: true, data: out.data, message: out.message };
  };
}
