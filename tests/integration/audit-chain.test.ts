import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "@/db/client";
import { executeRows } from "@/db/raw";
import { writeAudit } from "@/lib/audit";
import { describeAuditChainReport, verifyAuditChain } from "@/lib/audit/chain";
import { useTestDb, type TestDb } from "../setup/test-db";

let t: TestDb;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t?.close();
});

/** The database's own error text (drizzle wraps it as the cause). */
async function dbError(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ""} ${e.cause?.message ?? ""}`;
  }
  return "no error";
}

async function countRows(): Promise<number> {
  const [r] = await executeRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log`);
  return r.n;
}

describe("the audit log is insert-only in the database", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of audit rows, whatever the application asks", async () => {
    await writeAudit(t.db, { action: "test.insert_only", outcome: "success", detail: { n: 1 } });
    const before = await countRows();

    expect(await dbError(() => t.db.execute(sql`update audit_log set outcome = 'denied'`))).toContain("audit_log is insert-only: UPDATE refused");
    expect(await dbError(() => t.db.execute(sql`delete from audit_log`))).toContain("audit_log is insert-only: DELETE refused");
    expect(await dbError(() => t.db.execute(sql`truncate audit_log`))).toContain("audit_log is insert-only: TRUNCATE refused");
    expect(await countRows()).toBe(before);
  });

  it("refuses moving the chain head except through an audit insert", async () => {
    expect(await dbError(() => t.db.execute(sql`update audit_chain_head set seq = 0`))).toContain("audit_chain_head moves only with an audit_log insert");
    expect(await dbError(() => t.db.execute(sql`delete from audit_chain_head`))).toContain("refused");
    expect(await dbError(() => t.db.execute(sql`truncate audit_chain_head`))).toContain("refused");
  });
});

describe("every audit row is hash-chained to the previous one", () => {
  it("20 concurrent transactions writing audit rows yield one unbroken chain", async () => {
    const before = await countRows();
    // On PostgreSQL: 20 connections, so the 20 transactions really overlap (PGlite has one connection).
    const wide = t.url ? await openPostgres(t.url, { migrate: false, max: 20 }) : null;
    const db = wide?.db ?? t.db;
    await Promise.all(Array.from({ length: 20 }, () => db.execute(sql`select 1`))); // connections open before timing
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`select pg_sleep(0.01)`); // the transactions overlap before they write
          await writeAudit(tx, { action: "test.concurrent", outcome: "success", targetId: String(i), detail: { i, 名: "并发" } });
          await writeAudit(tx, { action: "test.concurrent", outcome: "success", targetId: String(i), detail: { i, second: true } });
        }),
      ),
    );
    const ms = performance.now() - started;
    await wide?.close();
    console.log(`20 concurrent audit transactions (${t.driver}): ${ms.toFixed(0)} ms`);

    const report = await verifyAuditChain(t.db, 7); // small pages: the walk crosses page boundaries
    expect(describeAuditChainReport(report)).toBe(
      report.ok ? `OK, ${before + 40} rows (链头 #${before + 40} ${report.headHash})` : "an unbroken chain",
    );
    const seqs = await executeRows<{ n: number; distinct_prev: number }>(
      t.db,
      sql`select count(*)::int as n, count(distinct prev_hash)::int as distinct_prev from audit_log`,
    );
    expect(seqs[0]).toEqual({ n: before + 40, distinct_prev: before + 40 }); // no two rows share a predecessor
  });

  it("a rolled-back audit row leaves no hole in the chain", async () => {
    await t.db
      .transaction(async (tx) => {
        await writeAudit(tx, { action: "test.rolled_back", outcome: "success" });
        throw new Error("rollback");
      })
      .catch(() => {});
    await writeAudit(t.db, { action: "test.after_rollback", outcome: "success" });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("audit:verify names the row a superuser changed behind the trigger's back", async () => {
    await writeAudit(t.db, { action: "test.tamper_target", outcome: "denied", detail: { reason: "role" } });
    await writeAudit(t.db, { action: "test.after_tamper_target", outcome: "success" });
    const [target] = await executeRows<{ id: string; row_hash: string }>(
      t.db,
      sql`select id::text as id, row_hash from audit_log where action = 'test.tamper_target'`,
    );

    // Only a superuser (or the table owner) can switch the guard off.
    await t.db.execute(sql`alter table audit_log disable trigger audit_log_insert_only`);
    await t.db.execute(sql`update audit_log set outcome = 'success', detail = '{"reason": "none"}' where id = ${Number(target.id)}`);
    await t.db.execute(sql`alter table audit_log enable trigger audit_log_insert_only`);

    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: false, rowId: Number(target.id), problem: "row_hash", stored: target.row_hash });
    expect(describeAuditChainReport(report)).toMatch(new RegExp(`^BROKEN at row id ${target.id} .*记录被修改.*expected [0-9a-f]{64}, stored ${target.row_hash}$`));

    if (t.url) {
      // The npm script itself, against this file's database.
      const run = promisify(execFile)("npx", ["tsx", "scripts/audit-verify.ts"], { env: { ...process.env, DATABASE_URL: t.url } });
      const err = (await run.then(() => null, (e: unknown) => e)) as { code?: number; stdout?: string } | null;
      expect(err?.code).toBe(1);
      expect(err?.stdout).toContain(`BROKEN at row id ${target.id} `);
    }

    // Put the row back as it was: the chain verifies again.
    await t.db.execute(sql`alter table audit_log disable trigger audit_log_insert_only`);
    await t.db.execute(sql`update audit_log set outcome = 'denied', detail = '{"reason": "role"}' where id = ${Number(target.id)}`);
    await t.db.execute(sql`alter table audit_log enable trigger audit_log_insert_only`);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("audit:verify reports a deleted row as a gap at the row after it", async () => {
    const [last, deleted] = await executeRows<{ id: string; chain_seq: string }>(
      t.db,
      sql`select id::text as id, chain_seq::text as chain_seq from audit_log order by chain_seq desc limit 2`,
    );
    await t.db.execute(sql`alter table audit_log disable trigger audit_log_insert_only`);
    await t.db.execute(sql`delete from audit_log where id = ${Number(deleted.id)}`);
    await t.db.execute(sql`alter table audit_log enable trigger audit_log_insert_only`);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      rowId: Number(last.id),
      problem: "gap",
      expected: `chain_seq ${deleted.chain_seq}`,
      stored: `chain_seq ${last.chain_seq}`,
    });
  });
});
