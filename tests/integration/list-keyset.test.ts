import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { executeRows } from "@/db/raw";
import { auditLog } from "@/db/schema";
import { listAuditRows } from "@/lib/audit";
import { listCertificatesForAdmin } from "@/lib/certificates/admin-queries";
import { listRosterRecords } from "@/lib/roster/queries";
import { issueTestCertificate, TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { createRosterFixture, type RosterFixture } from "../helpers/roster-fixtures";
import { personName, residentId } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));

let t: TestDb;
let f: RosterFixture;
beforeAll(async () => {
  vi.stubEnv("CERT_SIGNING_SECRET", TEST_SIGNING_SECRET);
  t = await useTestDb();
  f = await createRosterFixture(t.db);
});
afterAll(async () => {
  await t?.close();
});

type Page<T> = { rows: T[]; nextCursor?: string; prevCursor?: string };

/** Walks every page forward by nextCursor, checks 上一页 from the last page, returns the ids in order. */
async function walk<T extends { id: string | number }>(fetch: (req: { after?: string; before?: string }) => Promise<Page<T>>, sizes: number[]) {
  const pages: (string | number)[][] = [];
  let req: { after?: string; before?: string } = {};
  for (let i = 0; i < sizes.length; i++) {
    const p = await fetch(req);
    pages.push(p.rows.map((r) => r.id));
    expect(Boolean(p.prevCursor)).toBe(i > 0);
    expect(Boolean(p.nextCursor)).toBe(i < sizes.length - 1);
    if (i === sizes.length - 1) {
      const back = await fetch({ before: p.prevCursor });
      expect(back.rows.map((r) => r.id)).toEqual(pages[i - 1]);
      expect(Boolean(back.prevCursor)).toBe(i - 1 > 0);
    }
    req = { after: p.nextCursor };
  }
  expect(pages.map((p) => p.length)).toEqual(sizes);
  return pages.flat();
}

describe("keyset pages of the long lists (下一页 / 上一页 by cursor, no OFFSET)", () => {
  it("the audit log walks 45 rows written in one transaction (one timestamp) newest first, each once", async () => {
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 45; i++) await tx.insert(auditLog).values({ action: "test.keyset", outcome: "success", detail: { i } });
    });
    const ids = await walk((req) => listAuditRows(t.db, { action: "test.keyset" }, req), [20, 20, 5]);
    const expected = await executeRows<{ id: number }>(t.db, sql`select id::int from audit_log where action = 'test.keyset' order by at desc, id desc`);
    expect(ids).toEqual(expected.map((r) => r.id));
    // A tampered or foreign cursor is no cursor: the first page, still filtered.
    const bad = await listAuditRows(t.db, { action: "test.keyset" }, { after: Buffer.from('["x","1"]').toString("base64url") });
    expect(bad.rows.map((r) => r.id)).toEqual(ids.slice(0, 20));
    expect(bad.prevCursor).toBeUndefined();
  });

  it("证书管理 walks its certificates newest issue first and a batch (one issued_at) in certificate-number order", async () => {
    for (let i = 0; i < 25; i++) {
      await issueTestCertificate(t.db, { committeeId: f.committee001, actorId: f.province.id, name: personName(700 + i), idNumber: residentId(700 + i) });
    }
    // Fifteen of them confirmed in one batch: the same issued_at, so only cert_no orders them.
    await t.db.execute(sql`update certificates set issued_at = timestamptz '2026-03-01 10:00:00.123456+08'
      where id in (select id from certificates order by cert_no limit 15)`);
    const zjc = { id: f.province.id, role: "hrss" as const, orgId: f.province.orgId, orgIsCertDivision: true };
    const ids = await walk((req) => listCertificatesForAdmin(t.db, zjc, { page: req }, 10), [10, 10, 5]);
    const expected = await executeRows<{ id: string }>(t.db, sql`select id::text from certificates where superseded_by_id is null order by issued_at desc, cert_no asc`);
    expect(ids).toEqual(expected.map((r) => r.id));
    // Lists still mask the ID number.
    const first = await listCertificatesForAdmin(t.db, zjc, {}, 10);
    expect(JSON.stringify(first.rows)).not.toContain(residentId(700));
  });

  it("roster_record_counts follows every insert, update and delete of roster_records (the list's counts and total)", async () => {
    const counted = async () =>
      executeRows<{ k: string; n: number }>(t.db, sql`select committee_id || ':' || status || ':' || pass_year as k, n::int from roster_record_counts where n <> 0 order by 1`);
    const actual = async () =>
      executeRows<{ k: string; n: number }>(t.db, sql`select committee_id || ':' || status || ':' || pass_year as k, count(*)::int as n from roster_records group by 1 order by 1`);
    await t.db.execute(sql`insert into roster_records (committee_id, status, cert_no, name, gender, birth_date, id_type, id_number, work_unit, series,
        specialty, qualification_name, level, obtain_method, pass_date, pass_year, approval_no, issuing_authority, issue_date, source)
      select ${f.committee001}::uuid, 'draft', 'KS' || g, '测试' || g, '男', date '1980-01-01', 'resident', 'KS' || lpad(g::text, 16, '0'), '单位', '工程技术',
        '建筑工程', '工程师', 'intermediate', 'review', make_date(2019 + g % 3, 12, 1), 2019 + g % 3, '文号', '贵州省人力资源和社会保障厅', date '2022-01-15', 'manual'
      from generate_series(1, 30) g`);
    expect(await counted()).toEqual(await actual());
    await t.db.execute(sql`update roster_records set status = 'awaiting_photo' where cert_no in ('KS1', 'KS2', 'KS3', 'KS4')`);
    await t.db.execute(sql`update roster_records set pass_year = 2018 where cert_no = 'KS5'`);
    await t.db.execute(sql`delete from roster_records where cert_no in ('KS6', 'KS7')`);
    expect(await counted()).toEqual(await actual());
    const list = await listRosterRecords(t.db, f.province, f.committee001, {}, {});
    const all = await actual();
    expect(list.total).toBe(all.filter((r) => r.k.startsWith(f.committee001)).reduce((a, r) => a + r.n, 0));
    expect(list.counts.awaiting_photo).toBe(4);
    expect(list.years).toContain(2018);
  });
});
