import { log } from "@/lib/log";
import { currentRequestId, newRequestId } from "@/scripts/request-context.mjs";

/** An error whose message is meant for the user (Simplified Chinese) and may be shown as is. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** The actor may not do this (wrong role or not the owner). */
export class ForbiddenError extends UserError {
  constructor(message = "您无权执行此操作") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/**
 * The actor may not see this, and must not learn whether it exists: route handlers answer 404, server
 * actions show the message (it names no other party's data).
 */
export class NotFoundError extends ForbiddenError {
  constructor(message = "记录不存在") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** A guarded state change matched no row: someone else changed the record first. */
export class StaleStateError extends UserError {
  constructor(message = "状态已变化，请刷新后重试") {
    super(message);
    this.name = "StaleStateError";
  }
}

/**
 * Log an unexpected error and return a generic message naming its reference: the request id
 * (X-Request-Id, echoed on the response), so a user's screenshot leads to every log line of that
 * request. Outside a request (scripts, tests) a fresh id stands in.
 */
export function describeUnexpected(err: unknown, context: string): string {
  const ref = currentRequestId() ?? newRequestId();
  log.error({ err, context, ref }, `unexpected error in ${context}`);
  return `系统繁忙，请稍后重试（参考编号 ${ref}）`;
}
