import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { executeRows } from "@/db/raw";
import { useTestDb, type TestDb } from "../setup/test-db";

// /api/ready, /api/health, and the reference id of an unexpected error (docs/deploy.md, "Logs, health and backups").
const session = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number } }));
vi.mock("@/auth", () => ({ auth: async () => (session.current ? { user: session.current } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.8" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const readyRoute = await import("@/app/api/ready/route");
const healthRoute = await import("@/app/api/health/route");
const { protectedAction } = await import("@/lib/actions/safe-action");
const { protectedRoute } = await import("@/lib/http/protected-route");
const { setLogSink } = await import("@/lib/log");
const { runWithRequestId } = await import("@/scripts/request-context.mjs");
const { z } = await import("zod");

let t: TestDb;
let logged: Record<string, unknown>[] = [];
beforeAll(async () => {
  t = await useTestDb();
  const [u] = await t.db
    .insert(users)
    .values({ username: "ops_probe", passwordHash: "x", role: "person", name: "运维测试" })
    .returning({ id: users.id, sv: users.sessionVersion });
  session.current = { id: u.id, sessionVersion: u.sv };
  setLogSink({ write: (line) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
});
afterEach(() => {
  logged = [];
});
afterAll(async () => {
  setLogSink(undefined);
  await t?.close();
});

describe("health and readiness", () => {
  it("/api/health answers 200 without touching the database", async () => {
    const res = healthRoute.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, status: "up" });
  });

  it("/api/ready answers 200 when the database answers and every migration of the journal is applied", async () => {
    const res = await readyRoute.GET();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; migrations: { applied: number; expected: number } };
    expect(body.ok).toBe(true);
    expect(body.migrations.applied).toBe(body.migrations.expected);
  });

  it("/api/ready answers 503 when the newest migration's row is missing", async () => {
    // The audit-free drizzle bookkeeping table: the test database is this file's own copy.
    const [newest] = await executeRows<{ id: number }>(t.db, sql`select id from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    await t.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${newest.id}`);
    const res = await readyRoute.GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, reason: "migrations_pending" });
    expect(logged.some((l) => l.msg === "readiness: migrations pending")).toBe(true);
  });
});

describe("an unexpected error", () => {
  const messageRef = (message: string) => /参考编号 ([A-Za-z0-9._-]+)）$/.exec(message)?.[1];

  it("in a server action shows the request id as its reference, and the log line of the error carries it", async () => {
    const failing = protectedAction({
      name: "ops.failing_action",
      roles: ["person"],
      readOnly: true,
      schema: z.object({}),
      handler: async () => {
        throw new Error("boom: relation does not exist");
      },
    });
    const r = await runWithRequestId("req-action-7f3a", () => failing({}));
    expect(r.ok).toBe(false);
    expect(messageRef(r.message ?? "")).toBe("req-action-7f3a");
    const line = logged.find((l) => l.context === "ops.failing_action");
    expect(line).toMatchObject({ level: 50, reqId: "req-action-7f3a", ref: "req-action-7f3a" });
    expect((line?.err as { message: string }).message).toBe("boom: relation does not exist");
  });

  it("in a route handler answers 500 naming the request id, which the logged error carries", async () => {
    const GET = protectedRoute({
      name: "ops.failing_route",
      roles: "any-signed-in",
      mutating: false,
      targetType: "none",
      handler: async () => {
        throw new Error("boom in route");
      },
    });
    const req = new Request("http://localhost:3000/api/ops-test", { headers: { "sec-fetch-site": "same-origin" } });
    const res = await runWithRequestId("req-route-91c2", () => GET(req, { params: Promise.resolve({}) }));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { message: string };
    expect(body.message).toBe("系统繁忙，请稍后重试（参考编号 req-route-91c2）");
    expect(logged.find((l) => l.context === "ops.failing_route")).toMatchObject({ reqId: "req-route-91c2", ref: "req-route-91c2" });
  });
});
