import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, certificateLookups, rosterImports, rosterRecords, users } from "@/db/schema";
import { createRosterImport, parseRosterImport } from "@/lib/roster/imports";
import { getRosterImportPreview } from "@/lib/roster/import-queries";
import { solvedCaptcha } from "../helpers/captcha";
import { createRosterFixture, signInAs, type RosterFixture } from "../helpers/roster-fixtures";
import { buildRosterWorkbook, residentId, validRow } from "../helpers/roster-workbook";
import { TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET = TEST_SIGNING_SECRET;

// A NUL (and any character the text rule of docs/domain.md §10 refuses) is a field error, never a
// 500 and never a row.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({ redirect: vi.fn(), notFound: vi.fn() }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "198.51.100.9"),
}));

const { POST: queryRoute } = await import("@/app/api/certificates/query/route");
const { GET: photoRoute } = await import("@/app/api/photos/[photoId]/route");
const { registerPersonAction } = await import("@/app/(auth)/register/actions");
const rosterActions = await import("@/app/_roster/actions");

let t: TestDb;
let f: RosterFixture;
beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
});
afterAll(() => t?.close());

async function rows(table: typeof users | typeof rosterRecords | typeof certificateLookups | typeof rosterImports): Promise<number> {
  const [{ n }] = await t.db.select({ n: count() }).from(table);
  return n;
}

const NUL_MESSAGE = (label: string) => `${label}包含不可见或控制字符（U+0000），请删除后重新输入`;

describe("a NUL in user text is refused with the field's message and writes nothing", () => {
  it("in a public query field", async () => {
    const res = await queryRoute(
      new Request("http://localhost/api/certificates/query", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": "203.0.113.50" },
        body: JSON.stringify({ name: "张\u0000三", idNumber: residentId(1), certNo: "", ...(await solvedCaptcha()) }),
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, fieldErrors: { name: NUL_MESSAGE("姓名") } });
    expect(await rows(certificateLookups)).toBe(0);
  });

  it("in a registration name", async () => {
    const before = await rows(users);
    const r = await registerPersonAction({
      name: "陈\u0000晓红",
      idType: "resident",
      idNumber: residentId(700),
      phone: "13800000001",
      password: "Passw0rd!",
      confirmPassword: "Passw0rd!",
      consent: true,
    });
    expect(r).toMatchObject({ ok: false, fieldErrors: { name: NUL_MESSAGE("姓名") } });
    expect(await rows(users)).toBe(before);
  });

  it("in a roster field typed by hand", async () => {
    signInAs(f.province);
    const before = await rows(rosterRecords);
    const r = await rosterActions.createRosterRecordAction({
      committeeId: f.committee001,
      name: "测试甲",
      gender: "",
      birthDate: "",
      idType: "resident",
      idNumber: residentId(500),
      nationality: "",
      workUnit: "贵州省建筑设计\u0000研究院",
      series: "工程技术",
      specialty: "建筑工程",
      qualificationName: "高级工程师",
      level: "senior_deputy",
      obtainMethod: "review",
      passDate: "2020-12-01",
      approvalNo: "黔人社厅发〔2020〕12号\u202e",
      issuingAuthority: "",
      issueDate: "",
    });
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { workUnit: NUL_MESSAGE("工作单位"), approvalNo: "批准文号包含不可见或控制字符（U+202E），请删除后重新输入" },
    });
    expect(await rows(rosterRecords)).toBe(before);
  });

  it("in an imported cell: the report names the row and column, shows the character, and nothing is added", async () => {
    // Excel stores a control character in a cell as the OOXML escape _x0000_; the reader decodes it.
    const file = await buildRosterWorkbook([validRow(600), validRow(601, { name: "王_x0000_五", specialty: "建筑工程\u202e" }), validRow(602)]);
    const { importId, committee } = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "名册.xlsx", file });
    await parseRosterImport(t.db, importId, file, committee);
    const preview = (await getRosterImportPreview(t.db, f.province, importId))!;

    expect(preview).toMatchObject({ status: "pending", addCount: 2, rejectedCount: 1 });
    expect(preview.sampleRejected).toEqual([
      expect.objectContaining({
        row: 3,
        values: expect.objectContaining({ name: "王<U+0000>五", specialty: "建筑工程<U+202E>" }),
        issues: [
          { column: expect.stringContaining("姓名"), reason: NUL_MESSAGE("姓名") },
          { column: expect.stringContaining("专业"), reason: "专业包含不可见或控制字符（U+202E），请删除后重新输入" },
        ],
      }),
    ]);
    const before = await rows(rosterRecords);
    signInAs(f.province);
    expect(await rosterActions.commitRosterImportAction({ importId })).toMatchObject({ ok: false });
    expect(await rows(rosterRecords)).toBe(before);
  });
});

describe("route params are data too", () => {
  it("a photo id that decodes to NUL answers 404 and audits the id by its code point", async () => {
    signInAs(f.person);
    const res = await photoRoute(new Request("http://localhost/api/photos/%00"), { params: Promise.resolve({ photoId: "\u0000" }) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, message: "照片不存在" });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "photo.view"));
    expect(audit).toMatchObject({ outcome: "denied", targetId: "<U+0000>" });
  });
});
