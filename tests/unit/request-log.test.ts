import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import { currentRequestId, requestIdFrom, runWithRequestId } from "@/scripts/request-context.mjs";

function captured() {
  const lines: string[] = [];
  const logger = createLogger({ write: (s: string) => void lines.push(s) });
  return { logger, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), raw: () => lines.join("") };
}

describe("the request id", () => {
  it("keeps the proxy's X-Request-Id when it is at most 64 characters of letters, digits, dot, underscore and dash", () => {
    expect(requestIdFrom("abc-123_DEF.9")).toBe("abc-123_DEF.9");
    expect(requestIdFrom("a".repeat(64))).toBe("a".repeat(64));
  });

  it("replaces an absent, empty, over-long or foreign-character id with a fresh random one", () => {
    for (const bad of [undefined, null, "", "a".repeat(65), "abc def", "abc\ninjected", "<script>", "编号1", "a/b", ["x", "y"]]) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it("is carried into every log line written while the request runs, and only there", async () => {
    const { logger, records } = captured();
    logger.info("before");
    await runWithRequestId("req-42", async () => {
      logger.info("first");
      await new Promise((r) => setTimeout(r, 5));
      logger.warn({ step: 2 }, "after an await");
      expect(currentRequestId()).toBe("req-42");
    });
    logger.info("after");
    expect(records().map((r) => [r.msg, r.reqId])).toEqual([
      ["before", undefined],
      ["first", "req-42"],
      ["after an await", "req-42"],
      ["after", undefined],
    ]);
  });
});

describe("log redaction", () => {
  it("never writes passwords, ID numbers, cookies or authorization headers, at any nesting", () => {
    const { logger, records, raw } = captured();
    logger.info(
      {
        password: "Secret@123",
        input: { idNumber: "520102199003151234", newPassword: "Other@456", name: "张三" },
        req: { headers: { cookie: "authjs.session-token=abc", authorization: "Bearer xyz", "set-cookie": "s=1", host: "example.cn" } },
        rows: { first: { id_number: "520102199003151235" } },
      },
      "action input",
    );
    const text = raw();
    for (const secret of ["Secret@123", "520102199003151234", "Other@456", "session-token=abc", "Bearer xyz", "s=1", "520102199003151235"]) {
      expect(text).not.toContain(secret);
    }
    const [r] = records();
    expect(r.input).toEqual({ idNumber: "[已隐去]", newPassword: "[已隐去]", name: "张三" });
    expect((r.req as { headers: Record<string, string> }).headers.host).toBe("example.cn");
  });

  it("drops the row values a database error echoes (detail, bound parameters), keeping its message", () => {
    const { logger, records, raw } = captured();
    const err = Object.assign(new Error("duplicate key value violates unique constraint"), {
      detail: "Key (id_number)=(520102199003151234) already exists.",
      parameters: ["520102199003151234", "$argon2id$hash"],
    });
    logger.error({ err }, "insert failed");
    expect(raw()).not.toContain("520102199003151234");
    expect(raw()).not.toContain("$argon2id$hash");
    expect((records()[0].err as { message: string }).message).toBe("duplicate key value violates unique constraint");
  });
});
