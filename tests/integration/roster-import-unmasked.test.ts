import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { rosterIdNumberFor } from "@/lib/roster/access";
import { getRosterImportPreview, getRosterImportRejected } from "@/lib/roster/import-queries";
import { createRosterImport, parseRosterImport } from "@/lib/roster/imports";
import { createRosterFixture, type RosterFixture } from "../helpers/roster-fixtures";
import { buildRosterWorkbook, residentId, validRow } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

// The page guard (tested in route-guard/roster-access) lets the committee's own organisation through.
const pageUser = vi.hoisted((): { current: SessionUser | null } => ({ current: null }));
vi.mock("@/app/_area/committee-page", () => ({
  requireCommitteePage: vi.fn(async (_area: string, committeeId: string) => ({ user: pageUser.current, committee: { id: committeeId }, rosterPath: "/hrss/roster/x" })),
}));

const { RosterImportPreviewPage } = await import("@/app/_roster/import-preview-page");

let t: TestDb;
let f: RosterFixture;
beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function viewAudits(importId: string) {
  return t.db.select({ actorId: auditLog.actorId, detail: auditLog.detail }).from(auditLog).where(and(eq(auditLog.action, "roster.import.view_unmasked"), eq(auditLog.targetId, importId)));
}

describe("full ID numbers of the committee's own upload (docs/domain.md §4)", () => {
  it("the uploading organisation sees full ID numbers in the preview and the error report, and each page view writes one audit row", async () => {
    const bad = residentId(61_002);
    const wrongCheck = bad.slice(0, 17) + (bad[17] === "0" ? "1" : "0");
    const file = await buildRosterWorkbook([validRow(61_000), validRow(61_001), validRow(61_002, { idNumber: wrongCheck })]);
    const { importId, committee } = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "核对.xlsx", file });
    await parseRosterImport(t.db, importId, file, committee);

    const preview = (await getRosterImportPreview(t.db, f.province, importId))!;
    expect(preview.sampleRejected.map((r) => r.values.idNumber)).toEqual([wrongCheck]);
    expect(preview.unmaskedRows).toBeGreaterThanOrEqual(1);
    const report = await getRosterImportRejected(t.db, f.province, importId);
    expect(report.rejected.map((r) => r.values.idNumber)).toEqual([wrongCheck]);

    // Two page views, two audit rows naming the viewer.
    pageUser.current = f.province;
    await RosterImportPreviewPage({ area: "hrss", committeeId: f.committee001, importId });
    await RosterImportPreviewPage({ area: "hrss", committeeId: f.committee001, importId });
    const rows = await viewAudits(importId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actorId: f.province.id, detail: { committeeId: f.committee001, rows: preview.unmaskedRows } });

    // Another organisation never reaches the rows; if it did, they would be masked.
    await expect(getRosterImportPreview(t.db, f.gzu, importId)).rejects.toThrow("该评委会不属于您的单位");
    expect(rosterIdNumberFor(f.gzu, { formingOrgId: f.province.orgId! }, wrongCheck)).toEqual({ idNumber: expect.stringMatching(/^\d{4}\*{10}[\dX]{4}$/), unmasked: false });
  });
});
