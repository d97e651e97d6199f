import { and, count, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, committees, rosterPhotos, rosterRecordEvents, rosterRecords, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { diagnoseEmptyPersonRecords, listPersonRecords } from "@/lib/backfill/person-records";
import { idCheckChar } from "@/lib/validation/id-number";
import { bombPng, drawPortrait, type PortraitOptions } from "@/tests/fixtures/photo-images";
import { useTestDb, type TestDb } from "../setup/test-db";

// Route handlers and server actions are public endpoints: call them directly, with a chosen session.
const session = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number } }));
vi.mock("@/auth", () => ({ auth: async () => (session.current ? { user: session.current } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const uploadRoute = await import("@/app/api/photos/upload/route");
const photoRoute = await import("@/app/api/photos/[photoId]/route");
const { grantPhotoConsentAction, submitPhotoAction } = await import("@/app/(person)/person/backfill/actions");

// The test's own professional: demo_person (张三) already has consented, uploaded and holds certificates
// in the demo data, and every count below starts from a blank account.
const PERSON_FIRST17 = "52010219900315003";
const PERSON_ID = PERSON_FIRST17 + idCheckChar(PERSON_FIRST17);
const first17 = "52010219880101002";
const OTHER_PERSON_ID = first17 + idCheckChar(first17);

// The demo seed issues signed certificates (db/seed-backfill.ts).
process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

let t: TestDb;
let committee001: string;
let ids: Record<"person" | "other" | "province" | "zjc" | "cityHrss" | "selfUnit", string>;
let recordId: string;
let otherRecordId: string;

async function insertRecord(o: { name: string; idType: "resident" | "passport"; idNumber: string; status: "draft" | "awaiting_photo"; certNo: string; passYear?: number }) {
  const [r] = await t.db
    .insert(rosterRecords)
    .values({
      committeeId: committee001,
      status: o.status,
      certNo: o.certNo,
      name: o.name,
      gender: "male",
      birthDate: "1990-03-15",
      idType: o.idType,
      idNumber: o.idNumber,
      workUnit: "贵州省建筑设计研究院有限责任公司",
      series: "工程技术",
      specialty: "建筑工程",
      qualificationName: "高级工程师",
      level: "senior_deputy",
      obtainMethod: "review",
      passDate: `${o.passYear ?? 2020}-12-01`,
      passYear: o.passYear ?? 2020,
      approvalNo: "黔人社厅发〔2020〕12号",
      issuingAuthority: "贵州省人力资源和社会保障厅",
      issueDate: "2020-12-01",
      source: "manual",
    })
    .returning({ id: rosterRecords.id });
  return r.id;
}

async function insertPerson(username: string, name: string, idType: "resident" | "passport" | null, idNumber: string | null) {
  const [u] = await t.db.insert(users).values({ username, role: "person", name, idType, idNumber, passwordHash: "x" }).returning({ id: users.id });
  return u.id;
}

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  const [c] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "001"));
  committee001 = c.id;
  const byName = async (username: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
  ids = {
    person: await insertPerson("t_person", "张三", "resident", PERSON_ID),
    other: await insertPerson("t_other_person", "李四", "resident", OTHER_PERSON_ID),
    province: await byName("demo_province"),
    zjc: await byName("demo_zjc"),
    cityHrss: await byName("demo_hrss"),
    selfUnit: await byName("demo_selfunit"),
  };
  recordId = await insertRecord({ name: "张三", idType: "resident", idNumber: PERSON_ID, status: "awaiting_photo", certNo: "T-0001" });
  otherRecordId = await insertRecord({ name: "李四", idType: "resident", idNumber: OTHER_PERSON_ID, status: "awaiting_photo", certNo: "T-0002" });
});
afterAll(() => t?.close());

function signIn(userId: string | null) {
  session.current = userId ? { id: userId, sessionVersion: 1 } : null;
}

const uploadUrl = (id: string) => `http://localhost:3000/api/photos/upload?recordId=${id}`;

/** A multipart upload, as a browser form sends it. */
function uploadForm(id: string, file: Buffer, fileName = "photo.jpg", type = "image/jpeg") {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(file)], fileName, { type }));
  return new Request(uploadUrl(id), { method: "POST", body: form, headers: { "sec-fetch-site": "same-origin" } });
}
/** A raw-body upload, as the photo tool sends it. */
function uploadRaw(id: string, file: Buffer, headers: Record<string, string> = {}) {
  return new Request(uploadUrl(id), { method: "POST", body: new Uint8Array(file), headers: { "sec-fetch-site": "same-origin", "content-type": "image/jpeg", ...headers } });
}
function getPhoto(photoId: string, headers: Record<string, string> = { "sec-fetch-site": "same-origin" }) {
  return photoRoute.GET(new Request(`http://localhost:3000/api/photos/${photoId}`, { headers }), { params: Promise.resolve({ photoId }) });
}

type Reply = { ok: boolean; message: string; photoId?: string; errors?: { code: string; message: string }[] };
async function upload(req: Request): Promise<{ status: number; body: Reply }> {
  const res = await uploadRoute.POST(req);
  return { status: res.status, body: (await res.json()) as Reply };
}

async function portrait(format: "jpeg" | "png", o: Partial<PortraitOptions> = {}) {
  const { data, width, height, channels } = drawPortrait({ width: 590, height: 826, ...o });
  const img = sharp(data, { raw: { width, height, channels } });
  return format === "jpeg" ? img.jpeg({ quality: 92 }).toBuffer() : img.png().toBuffer();
}

async function photoRows(id = recordId) {
  return t.db
    .select({ id: rosterPhotos.id, status: rosterPhotos.status, data: rosterPhotos.data, uploadedBy: rosterPhotos.uploadedBy })
    .from(rosterPhotos)
    .where(eq(rosterPhotos.recordId, id))
    .orderBy(rosterPhotos.createdAt);
}
async function recordState(id = recordId) {
  const [r] = await t.db.select({ status: rosterRecords.status, version: rosterRecords.version }).from(rosterRecords).where(eq(rosterRecords.id, id));
  return r;
}
async function auditCount(action: string, outcome: "success" | "failure" | "denied", actorId: string) {
  const [{ n }] = await t.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.outcome, outcome), eq(auditLog.actorId, actorId)));
  return n;
}

describe("consent to process the photo", () => {
  it("is required once before the first upload: without it the upload is refused and nothing is stored", async () => {
    signIn(ids.person);
    const { status, body } = await upload(uploadRaw(recordId, await portrait("jpeg")));
    expect(status).toBe(403);
    expect(body.message).toBe("上传照片前，请先阅读并同意照片处理说明");
    expect(await photoRows()).toHaveLength(0);
  });

  it("must be given explicitly, and is stored on the account with an audit row", async () => {
    signIn(ids.person);
    expect(await grantPhotoConsentAction({ agree: false })).toMatchObject({ ok: false, fieldErrors: { agree: "请先勾选同意照片处理说明" } });
    expect(await grantPhotoConsentAction({ agree: true })).toMatchObject({ ok: true });
    const [u] = await t.db.select({ at: users.photoConsentAt }).from(users).where(eq(users.id, ids.person));
    expect(u.at).toBeInstanceOf(Date);
    expect(await auditCount("photo.consent", "success", ids.person)).toBe(1);
  });
});

describe("a bad photo is rejected with its own Chinese message and nothing is stored", () => {
  const messages = new Map<string, string>();

  const cases: [string, () => Promise<Request>, number, string, string][] = [
    ["a PNG with a transparent background", async () => uploadForm(recordId, await portrait("png", { background: [0, 0, 0], backgroundAlpha: 0 }), "photo.png", "image/png"), 422, "transparent", "透明"],
    ["a too-small image", async () => uploadForm(recordId, await sharp(drawPortrait({ width: 200, height: 280 }).data, { raw: { width: 200, height: 280, channels: 3 } }).jpeg().toBuffer()), 422, "too_small", "200×280"],
    ["a dark image", async () => uploadRaw(recordId, await portrait("jpeg", { exposure: 0.3 })), 422, "too_dark", "过暗"],
    ["a blue background", async () => uploadRaw(recordId, await portrait("jpeg", { background: [67, 142, 219] })), 422, "background_not_white", "蓝色"],
    [
      "a PDF named .jpg",
      async () => uploadForm(recordId, Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1"), "证件照.jpg"),
      422,
      "unsupported_type",
      "PDF 文档",
    ],
    ["a decompression-bomb PNG", async () => uploadForm(recordId, bombPng(20000, 20000), "bomb.png", "image/png"), 422, "too_many_pixels", "20000×20000"],
    [
      "a 12 MB file (stopped while reading)",
      async () => {
        const big = Buffer.alloc(12 * 1024 * 1024);
        big.set([0xff, 0xd8, 0xff, 0xe0]);
        return uploadRaw(recordId, big);
      },
      413,
      "file_too_large",
      "不能超过 10.0 MB",
    ],
  ];

  it.each(cases)("%s", async (_name, build, expectedStatus, code, fragment) => {
    signIn(ids.person);
    const before = await recordState();
    const { status, body } = await upload(await build());
    expect(status).toBe(expectedStatus);
    expect(body.ok).toBe(false);
    // One error per failed rule; an underexposed photo also fails the background rule (its white turns grey).
    const error = body.errors?.find((e) => e.code === code);
    expect(body.errors?.map((e) => e.code)).toEqual(code === "too_dark" ? ["background_not_white", code] : [code]);
    expect(error?.message).toContain(fragment);
    expect(body.message).toContain(error?.message);
    messages.set(code, error?.message ?? "");
    expect(await photoRows()).toHaveLength(0);
    expect(await recordState()).toEqual(before);
  });

  it("every rule has a message of its own, and each refusal is audited as a failure", async () => {
    expect(new Set(messages.values()).size).toBe(cases.length);
    expect(await auditCount("photo.upload", "failure", ids.person)).toBe(cases.length);
  });

  it("a 12 MB upload that declares its length is refused before its body is read", async () => {
    signIn(ids.person);
    const big = Buffer.alloc(12 * 1024 * 1024);
    const { status, body } = await upload(uploadRaw(recordId, big, { "content-length": String(big.length) }));
    expect(status).toBe(413);
    expect(body.message).toContain("12.0 MB");
    expect(await photoRows()).toHaveLength(0);
  });
});

let firstPhotoId: string;

describe("a good photo", () => {
  it("from a phone JPEG stored sideways (EXIF orientation 6) is stored upright as a 295×413 JPEG, pending, with an audit row", async () => {
    signIn(ids.person);
    const upright = drawPortrait({ width: 590, height: 826, marker: { x0: 0.04, y0: 0.86, x1: 0.2, y1: 0.98, colour: [230, 20, 20] } });
    const sideways = await sharp(upright.data, { raw: { width: upright.width, height: upright.height, channels: upright.channels } })
      .rotate(270)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 92 })
      .toBuffer();
    const { status, body } = await upload(uploadForm(recordId, sideways, "IMG_0001.JPG"));
    expect(status).toBe(201);
    expect(body.ok).toBe(true);
    const rows = await photoRows();
    expect(rows.map((r) => [r.id, r.status, r.uploadedBy])).toEqual([[body.photoId, "pending", ids.person]]);
    firstPhotoId = rows[0].id;

    const meta = await sharp(rows[0].data).metadata();
    expect([meta.format, meta.width, meta.height, meta.orientation, meta.exif]).toEqual(["jpeg", 295, 413, undefined, undefined]);
    // Upright: the red marker drawn on the left shoulder is at the bottom left.
    const { data, info } = await sharp(rows[0].data).extract({ left: 18, top: 363, width: 35, height: 33 }).raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i] > 170 && data[i + 1] < 90 && data[i + 2] < 90) red++;
    expect(red / (info.width * info.height)).toBeGreaterThan(0.7);

    expect(await recordState()).toMatchObject({ status: "awaiting_photo" });
    expect(await auditCount("photo.upload", "success", ids.person)).toBe(1);
  });

  it("is served to its holder as a private, uncacheable JPEG", async () => {
    signIn(ids.person);
    const res = await getPhoto(firstPhotoId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const [stored] = await photoRows();
    expect(Buffer.from(await res.arrayBuffer()).equals(stored.data)).toBe(true);
  });

  it("is visible to the committee's forming organisation and the provincial 专技处", async () => {
    for (const viewer of [ids.province, ids.zjc]) {
      signIn(viewer);
      expect((await getPhoto(firstPhotoId)).status).toBe(200);
    }
  });

  it("replaces the previous pending photo when a new one is uploaded", async () => {
    signIn(ids.person);
    const { status } = await upload(uploadRaw(recordId, await portrait("jpeg")));
    expect(status).toBe(201);
    expect((await photoRows()).map((r) => r.status)).toEqual(["replaced", "pending"]);
  });
});

describe("nobody else", () => {
  it("can fetch the photo: another professional, another organisation's user, a city HR bureau, or an anonymous visitor get no photo", async () => {
    for (const viewer of [ids.other, ids.selfUnit, ids.cityHrss]) {
      signIn(viewer);
      const res = await getPhoto(firstPhotoId);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).not.toBe("image/jpeg");
    }
    // The same answer as for a photo that does not exist.
    signIn(ids.other);
    expect((await getPhoto("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    signIn(null);
    expect((await getPhoto(firstPhotoId)).status).toBe(401);
    expect(await auditCount("photo.view", "denied", ids.other)).toBe(2);
  });

  it("can upload to this record: another professional gets 404 and nothing is stored", async () => {
    signIn(ids.other);
    await grantPhotoConsentAction({ agree: true });
    const before = await photoRows();
    const { status, body } = await upload(uploadRaw(recordId, await portrait("jpeg")));
    expect(status).toBe(404);
    expect(body.message).toBe("未找到该证书补录记录");
    expect((await photoRows()).map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(await auditCount("photo.upload", "denied", ids.other)).toBe(1);
  });

  it("can upload from another site (cross-site request) or as an official", async () => {
    signIn(ids.person);
    const cross = uploadRaw(recordId, await portrait("jpeg"), { "sec-fetch-site": "cross-site" });
    expect((await upload(cross)).status).toBe(403);
    signIn(ids.province);
    expect((await upload(uploadRaw(recordId, await portrait("jpeg")))).status).toBe(403);
    expect(await photoRows()).toHaveLength(2);
  });

  it("can submit this record's photo", async () => {
    signIn(ids.other);
    const { version } = await recordState();
    expect(await submitPhotoAction({ recordId, version })).toMatchObject({ ok: false, message: "未找到该证书补录记录" });
    expect(await recordState()).toMatchObject({ status: "awaiting_photo", version });
  });
});

describe("submitting", () => {
  it("moves the record awaiting_photo → photo_submitted once, logs the event, and a repeated submit is told the state changed", async () => {
    signIn(ids.person);
    const { version } = await recordState();
    const r = await submitPhotoAction({ recordId, version });
    expect(r).toMatchObject({ ok: true, message: "照片已提交，请等待评委会审核" });
    expect(await recordState()).toEqual({ status: "photo_submitted", version: version + 1 });
    expect((await photoRows()).map((p) => p.status)).toEqual(["replaced", "submitted"]);

    const again = await submitPhotoAction({ recordId, version });
    expect(again).toMatchObject({ ok: false, message: "状态已变化，请刷新后重试" });
    const events = await t.db
      .select({ from: rosterRecordEvents.fromStatus, to: rosterRecordEvents.toStatus, actor: rosterRecordEvents.actorId })
      .from(rosterRecordEvents)
      .where(eq(rosterRecordEvents.recordId, recordId));
    expect(events).toEqual([{ from: "awaiting_photo", to: "photo_submitted", actor: ids.person }]);
    expect(await auditCount("photo.submit", "success", ids.person)).toBe(1);
  });

  it("needs an uploaded photo", async () => {
    signIn(ids.other);
    const { version } = await recordState(otherRecordId);
    expect(await submitPhotoAction({ recordId: otherRecordId, version })).toMatchObject({ ok: false, message: "请先上传照片，再提交" });
    expect(await recordState(otherRecordId)).toEqual({ status: "awaiting_photo", version });
  });

  it("a submitted photo may still be replaced before approval: the record returns to awaiting_photo until submitted again", async () => {
    signIn(ids.person);
    const { status } = await upload(uploadRaw(recordId, await portrait("jpeg")));
    expect(status).toBe(201);
    const state = await recordState();
    expect(state.status).toBe("awaiting_photo");
    expect((await photoRows()).map((p) => p.status)).toEqual(["replaced", "replaced", "pending"]);
    const [withdrawal] = await t.db
      .select({ reason: rosterRecordEvents.reason })
      .from(rosterRecordEvents)
      .where(and(eq(rosterRecordEvents.recordId, recordId), eq(rosterRecordEvents.toStatus, "awaiting_photo")));
    expect(withdrawal.reason).toBe("本人更换照片");
    expect(await submitPhotoAction({ recordId, version: state.version })).toMatchObject({ ok: true });
    expect((await recordState()).status).toBe("photo_submitted");
  });

  it("once the committee approved the photo, no new photo is accepted", async () => {
    await t.db.update(rosterRecords).set({ status: "photo_approved" }).where(eq(rosterRecords.id, recordId));
    signIn(ids.person);
    const before = await photoRows();
    const { status, body } = await upload(uploadRaw(recordId, await portrait("jpeg")));
    expect(status).toBe(409);
    expect(body.message).toContain("审核通过");
    expect(await photoRows()).toHaveLength(before.length);
    await t.db.update(rosterRecords).set({ status: "photo_submitted" }).where(eq(rosterRecords.id, recordId));
  });
});

describe("the professional's list", () => {
  it("shows only published records whose ID type and number equal the account's, with committee and photo state", async () => {
    // A draft of the same person (another year) stays hidden until the committee publishes it.
    await insertRecord({ name: "张三", idType: "resident", idNumber: PERSON_ID, status: "draft", certNo: "T-0003", passYear: 2021 });
    const rows = await listPersonRecords(t.db, ids.person);
    expect(rows.map((r) => [r.id, r.committeeName, r.series, r.qualificationName, r.status, r.photo?.status])).toEqual([
      [recordId, "贵州省工程技术高级职称评审委员会", "工程技术", "高级工程师", "photo_submitted", "submitted"],
    ]);
  });

  it("explains an empty list: nothing imported yet, without revealing anything", async () => {
    const first = "52010219950505003";
    const id = await insertPerson("t_nobody", "王五", "resident", first + idCheckChar(first));
    const d = await diagnoseEmptyPersonRecords(t.db, id);
    expect(d.kind).toBe("not_imported");
    expect(d.title).toBe("暂未找到与您证件匹配的证书补录记录");
    expect(d.advice.join("")).toContain("5201**********");
    expect(d.advice.join("")).toContain("联系您参加评审的职称评审委员会的组建单位");
  });

  it("explains an empty list: a record exists under another ID type, saying nothing else about it", async () => {
    const id = await insertPerson("t_passport", "李四", "passport", OTHER_PERSON_ID);
    expect(await listPersonRecords(t.db, id)).toEqual([]);
    const d = await diagnoseEmptyPersonRecords(t.db, id);
    expect(d.kind).toBe("other_id_type");
    const text = d.title + d.advice.join("");
    expect(text).toContain("证件类型不同");
    expect(text).toContain("护照");
    for (const secret of ["T-0002", "居民身份证", "贵州省工程技术高级职称评审委员会", "建筑"]) expect(text).not.toContain(secret);
  });

  it("explains an empty list: the committee has entered the record but not published it", async () => {
    const first = "52010219960606004";
    const idNumber = first + idCheckChar(first);
    const id = await insertPerson("t_draft", "赵六", "resident", idNumber);
    await insertRecord({ name: "赵六", idType: "resident", idNumber, status: "draft", certNo: "T-0004" });
    expect(await listPersonRecords(t.db, id)).toEqual([]);
    expect((await diagnoseEmptyPersonRecords(t.db, id)).kind).toBe("not_published");
  });

  it("explains an empty list: the account has no ID document", async () => {
    const id = await insertPerson("t_noid", "钱七", null, null);
    expect((await diagnoseEmptyPersonRecords(t.db, id)).kind).toBe("no_document");
  });
});
