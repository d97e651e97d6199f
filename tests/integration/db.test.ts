import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { executeRows, intArray, textArray, uuidArray } from "@/db/raw";
import { orgs } from "@/db/schema";
import { useTestDb, type TestDb } from "../setup/test-db";

let t: TestDb;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t?.close();
});

describe("test database harness", () => {
  it("uses the driver the environment asks for", () => {
    expect(t.driver).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });

  it("has the migrations applied", async () => {
    const names = await t.db
      .select({ name: sql<string>`table_name` })
      .from(sql`information_schema.tables`)
      .where(sql`table_schema = 'public'`);
    expect(names.map((r) => r.name)).toEqual(expect.arrayContaining(["orgs", "users", "committees", "audit_log"]));

    const applied = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`drizzle.__drizzle_migrations`);
    expect(applied[0].n).toBeGreaterThan(0);
  });

  it("starts empty", async () => {
    const rows = await t.db.select({ n: sql<number>`count(*)::int` }).from(orgs);
    expect(rows[0].n).toBe(0);
  });

  it("is installed as the app's database and round-trips an org", async () => {
    const appDb = await getDb();
    expect(appDb).toBe(t.db);

    const [created] = await appDb
      .insert(orgs)
      .values({
        name: "贵州省人力资源和社会保障厅",
        kind: "hrss",
        level: "province",
        regionCode: "520000",
        creditCode: "11520000MB1779911H", // checksum-valid (GB 32100-2015)
      })
      .returning();
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const [read] = await t.db.select().from(orgs).where(eq(orgs.id, created.id));
    expect(read).toMatchObject({
      name: "贵州省人力资源和社会保障厅",
      kind: "hrss",
      level: "province",
      regionCode: "520000",
      selfEvaluating: false,
      status: "active",
    });
    expect(read.createdAt).toBeInstanceOf(Date);
  });
});

describe("array parameters (db/raw.ts)", () => {
  it("round-trip texts with quotes, backslashes, commas, braces, NULL-like words and Chinese", async () => {
    const values = ['a"b', "c\\d", "e,f", "{g}", "NULL", "", " 空 格 ", "黔人社专技〔2026〕1号"];
    const rows = await executeRows<{ v: string }>(t.db, sql`select unnest(${textArray(values)}) as v`);
    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it("round-trip uuids and integers, and refuse anything else", async () => {
    const ids = ["8f14e45f-ceea-467f-a0e6-1f5c2a9b3d11", "00000000-0000-4000-8000-000000000000"];
    const rows = await executeRows<{ id: string; n: number }>(t.db, sql`select * from unnest(${uuidArray(ids)}, ${intArray([1, -2])}) as t(id, n)`);
    expect(rows).toEqual([{ id: ids[0], n: 1 }, { id: ids[1], n: -2 }]);
    expect(() => uuidArray(["8f14e45f-ceea-467f-a0e6-1f5c2a9b3d11}, {x"])).toThrow(/not a uuid/);
    expect(() => intArray([1.5])).toThrow(/not an integer/);
  });
});
