import { randomUUID } from "node:crypto";

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

/** Log an unexpected error with a reference id and return a generic message naming it. */
export function describeUnexpected(err: unknown, context: string): string {
  const ref = randomUUID().slice(0, 8);
  console.error(`[${ref}] ${context}`, err);
  return `系统繁忙，请稍后重试（参考编号 ${ref}）`;
}
