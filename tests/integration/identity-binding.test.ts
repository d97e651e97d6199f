import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { committees, rosterPhotos, rosterRecords, users, type Certificate } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { diagnoseEmptyPersonRecords, getPersonRecord, listPersonRecords } from "@/lib/backfill/person-records";
import { listHolderCertificates } from "@/lib/certificates/holder";
import { listPersonNotifications } from "@/lib/notifications/notify";
import { idCheckChar } from "@/lib/validation/id-number";
import { drawPortrait } from "@/tests/fixtures/photo-images";
import { issueTestCertificate, TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

// Identity binding (docs/domain.md §11): ID type + number + name, not the number alone.
const session = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number } }));
vi.mock("@/auth", () => ({ auth: async () => (session.current ? { user: session.current } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.21" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
process.env.CERT_SIGNING_SECRET ??= TEST_SIGNING_SECRET;

const uploadRoute = await import("@/app/api/photos/upload/route");
const pdfRoute = await import("@/app/api/certificates/[id]/pdf/route");

const FIRST17 = "52010219920611004";
const HOLDER_ID = FIRST17 + idCheckChar(FIRST17);

let t: TestDb;
let impostor: string;
let recordId: string;
let cert: Certificate;

async function portrait() {
  const { data, width, height, channels } = drawPortrait({ width: 590, height: 826 });
  return sharp(data, { raw: { width, height, channels } }).jpeg({ quality: 92 }).toBuffer();
}
function signIn(userId: string) {
  session.current = { id: userId, sessionVersion: 1 };
}
async function upload(id: string) {
  const body = new Uint8Array(await portrait());
  const req = new Request(`http://localhost:3000/api/photos/upload?recordId=${id}`, {
    method: "POST",
    body,
    headers: { "sec-fetch-site": "same-origin", "content-type": "image/jpeg" },
  });
  return uploadRoute.POST(req);
}
async function download(id: string) {
  return pdfRoute.GET(new Request(`http://localhost:3000/api/certificates/${id}/pdf`), { params: Promise.resolve({ id }) });
}

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  const [c] = await t.db.select({ id: committees.id, org: committees.formingOrgId }).from(committees).where(eq(committees.code, "001"));
  const [province] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "demo_province"));
  const [r] = await t.db
    .insert(rosterRecords)
    .values({
      committeeId: c.id, status: "awaiting_photo", certNo: "T-BIND-1", name: "阿卜杜拉·买买提", gender: "male", birthDate: "1992-06-11",
      idType: "resident", idNumber: HOLDER_ID, workUnit: "贵州省建筑设计研究院有限责任公司", series: "工程技术", specialty: "建筑工程",
      qualificationName: "高级工程师", level: "senior_deputy", obtainMethod: "review", passDate: "2020-12-01", passYear: 2020,
      approvalNo: "黔人社厅发〔2020〕12号", issuingAuthority: "贵州省人力资源和社会保障厅", issueDate: "2020-12-01", source: "manual",
    })
    .returning({ id: rosterRecords.id });
  recordId = r.id;
  cert = await issueTestCertificate(t.db, { committeeId: c.id, actorId: province.id, name: "阿卜杜拉·买买提", idNumber: HOLDER_ID, passDate: "2021-11-20", seq: 77 });
  // The impostor registered the published number first, under another name, and consented to photos.
  const [u] = await t.db
    .insert(users)
    .values({ username: null, role: "person", name: "冒名者", idType: "resident", idNumber: HOLDER_ID, passwordHash: "x", photoConsentAt: new Date() })
    .returning({ id: users.id });
  impostor = u.id;
}, 120_000);
afterAll(() => t?.close());

describe("identity binding: a stranger with the holder's ID number but another name", () => {
  it("sees none of the holder's records or certificates, and the empty list explains a name mismatch without the roster's name", async () => {
    expect(await listPersonRecords(t.db, impostor)).toEqual([]);
    expect(await getPersonRecord(t.db, impostor, recordId)).toBeNull();
    expect(await listHolderCertificates(t.db, impostor)).toEqual([]);
    expect((await listPersonNotifications(t.db, impostor, { page: 1 })).total).toBe(0);
    const why = await diagnoseEmptyPersonRecords(t.db, impostor);
    expect(why.kind).toBe("name_mismatch");
    expect(why.title).toBe("名册中有与您证件号码相同但姓名不一致的记录");
    expect(why.advice[0]).toContain("请联系评委会核对，或申请更正");
    expect(JSON.stringify(why)).not.toContain("阿卜杜拉");
  });

  it("cannot upload a photo to the holder's record (404) and nothing is stored", async () => {
    signIn(impostor);
    const res = await upload(recordId);
    expect(res.status).toBe(404);
    expect(await t.db.select({ id: rosterPhotos.id }).from(rosterPhotos).where(eq(rosterPhotos.recordId, recordId))).toEqual([]);
  });

  it("cannot download the holder's PDF (404)", async () => {
    signIn(impostor);
    const res = await download(cert.id);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, message: "证书不存在或您无权下载" });
  });
});

describe("identity binding: the real holder", () => {
  it("sees and acts on the records when type, number and name match — the name compared after NFC, width and middle-dot normalisation", async () => {
    // The ID number moves to the real holder (as an upheld dispute does); the name is typed with a full-width space and another dot glyph.
    await t.db.update(users).set({ idType: null, idNumber: null }).where(eq(users.id, impostor));
    const [h] = await t.db
      .insert(users)
      .values({ role: "person", name: "　阿卜杜拉•买买提 ", idType: "resident", idNumber: HOLDER_ID, passwordHash: "x", photoConsentAt: new Date() })
      .returning({ id: users.id });
    expect((await listPersonRecords(t.db, h.id)).map((r) => r.id).sort()).toEqual([recordId, cert.rosterRecordId].sort());
    expect((await listHolderCertificates(t.db, h.id))?.map((c) => c.id)).toEqual([cert.id]);
    signIn(h.id);
    expect((await upload(recordId)).status).toBe(201);
    const res = await download(cert.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
  });
});
