/** True when err (or its cause, as drizzle wraps driver errors) is a unique violation (23505). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const candidate = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown; message?: unknown; cause?: unknown };
    if (candidate.code === "23505") {
      if (!constraint) return true;
      const name = candidate.constraint_name ?? candidate.constraint;
      return name === constraint || (typeof candidate.message === "string" && candidate.message.includes(constraint));
    }
    e = candidate.cause;
  }
  return false;
}
