/**
 * 证件照 of a declaration (docs/domain.md §16): the upload route called as an attacker could (another person's
 * declaration, the wrong role, a stale version, a submitted declaration, content that is not a usable photo),
 * the replacement history, the submission's refusal without a photo, who may view it (lib/photos/access.ts),
 * and that a confirmed round's certificate carries the declaration's photo (the demo seed confirms one).
 */
import { and, asc, count, desc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { demoPortraitJpeg } from "@/db/demo-portrait";
import { auditLog, certificates, committees, declarationBatches, declarations, orgs, reviewCertificates, rosterPhotos, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createCompleteDraft, type DeclarationProfile } from "@/db/seed-declaration-demo";
import type { SessionUser } from "@/lib/auth/session-user";
import { DECLARATION_STALE } from "@/lib/declarations/constants";
import { DECLARATION_PHOTO_LOCKED, DECLARATION_PHOTO_MISSING } from "@/lib/declarations/photo-queries";
import { idCheckChar } from "@/lib/validation/id-number";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

const session = vi.hoisted(() => ({ current: null as null | SessionUser }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(async () => session.current),
  currentRequestIp: vi.fn(async () => "198.51.100.8"),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

const photoRoute = await import("@/app/api/declarations/[declarationId]/photo/route");
const viewRoute = await import("@/app/api/photos/[photoId]/route");
const tr = await import("@/lib/declarations/transitions");
const drafts = await import("@/lib/declarations/drafts");

const SAME = { "sec-fetch-site": "same-origin" };
let t: TestDb;
let batch004: string;
let sjy: string;
let owner: SessionUser;
let other: SessionUser;
let unitUser: SessionUser;
let zjc: SessionUser;
let portrait: Buffer;
let declId: string;

const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);

async function person(name: string, seq: string) {
  const first17 = `5201021987030${seq}`.slice(0, 17);
  const [row] = await t.db.insert(users).values({ role: "person", name, idType: "resident", idNumber: first17 + idCheckChar(first17), passwordHash: "x", username: `dph_${seq}` }).returning({ id: users.id });
  return sessionUserOf(t.db, row.id);
}
async function account(username: string) {
  const [r] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return sessionUserOf(t.db, r.id);
}

const profile = (): DeclarationProfile => ({
  specialty: "建筑设计",
  targetLevel: "senior_deputy",
  unitOrgId: sjy,
  basic: { gender: "女", birthDate: "1987-03-01", phone: "13800000019", email: "", department: "设计所", post: "工程师", employment: "in_service" },
  education: [{ level: "master", school: "贵州大学", major: "建筑学", from: "2006-09-01", to: "2009-07-01", degree: "工学硕士", fullTime: true }],
  work: [{ from: "2009-07-15", to: null, employer: "贵州省建筑设计研究院", post: "工程师" }],
  currentTitle: "工程师",
  currentTitleLevel: "intermediate",
  currentTitleDate: "2015-01-01",
  achievements: [{ kind: "project", title: "某医院综合楼设计", detail: "", date: "2020-01-01" }],
});

const row = async (id: string) => (await t.db.select().from(declarations).where(eq(declarations.id, id)))[0];
const photosOf = (id: string) =>
  t.db.select({ id: rosterPhotos.id, status: rosterPhotos.status, recordId: rosterPhotos.recordId, data: rosterPhotos.data, uploadedBy: rosterPhotos.uploadedBy }).from(rosterPhotos).where(eq(rosterPhotos.declarationId, id)).orderBy(asc(rosterPhotos.createdAt));

async function upload(as: SessionUser, id: string, body: Uint8Array, version: number | null) {
  session.current = as;
  const q = version === null ? "" : `?version=${version}`;
  const res = await photoRoute.POST(new Request(`http://localhost:3000/api/declarations/${id}/photo${q}`, { method: "POST", body: new Uint8Array(body), headers: { ...SAME, "content-type": "image/jpeg" } }), {
    params: Promise.resolve({ declarationId: id }),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; message?: string; photoId?: string; version?: number; errors?: { code: string }[] } };
}
async function view(as: SessionUser, photoId: string) {
  session.current = as;
  return (await viewRoute.GET(new Request(`http://localhost:3000/api/photos/${photoId}`, { headers: SAME }), { params: Promise.resolve({ photoId }) })).status;
}
const lastAudit = async (action: string) => (await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  [{ id: sjy }] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, "贵州省建筑设计研究院有限责任公司"));
  const [c] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  [{ id: batch004 }] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.committeeId, c.id));
  owner = await person("照片甲", "0311");
  other = await person("照片乙", "0322");
  unitUser = await account("demo_unit");
  zjc = await account("demo_zjc");
  portrait = await demoPortraitJpeg({ hair: "#2e2119", jacket: "#5a3d6b", longHair: true });
  // A complete draft (the seed helper uploads its photo); its photo is then taken away to start from none.
  const d = await inTx((tx) => createCompleteDraft(tx, owner, batch004, profile()));
  declId = d.id;
  await t.db.update(rosterPhotos).set({ status: "replaced" }).where(eq(rosterPhotos.declarationId, declId));
}, 120_000);
afterAll(() => t?.close());

describe("the 证件照 upload", () => {
  it("submission without a photo is refused, naming the 证件照 step", async () => {
    const d = await row(declId);
    await expect(inTx((tx) => tr.submitDeclaration(tx, owner, { declarationId: declId, version: d.version }))).rejects.toThrow(DECLARATION_PHOTO_MISSING);
    expect(DECLARATION_PHOTO_MISSING).toContain("证件照");
  });

  it("another person's declaration does not exist for them; a unit account is refused; nothing is stored", async () => {
    const d = await row(declId);
    const r = await upload(other, declId, portrait, d.version);
    expect(r).toMatchObject({ status: 404, body: { ok: false, message: "申报不存在" } });
    expect(await lastAudit("declaration.photo_upload")).toMatchObject({ outcome: "denied", targetId: declId });
    expect((await upload(unitUser, declId, portrait, d.version)).status).toBe(403);
    expect(await t.db.$count(rosterPhotos, and(eq(rosterPhotos.declarationId, declId), eq(rosterPhotos.status, "pending")))).toBe(0);
  });

  it("content that is not a usable photo is refused with the checks' Chinese message", async () => {
    const d = await row(declId);
    const text = await upload(owner, declId, Buffer.from("这不是照片".repeat(100)), d.version);
    expect(text.status).toBe(422);
    expect(text.body.message).toMatch(/[\u4e00-\u9fa5]/);
    const tiny = await upload(owner, declId, await sharp({ create: { width: 200, height: 280, channels: 3, background: "#ffffff" } }).jpeg().toBuffer(), d.version);
    expect(tiny.status).toBe(422);
    expect(tiny.body.errors?.map((e) => e.code)).toContain("too_small");
    expect(await lastAudit("declaration.photo_upload")).toMatchObject({ outcome: "failure", detail: expect.objectContaining({ reason: "rejected_photo" }) });
    expect(await t.db.$count(rosterPhotos, and(eq(rosterPhotos.declarationId, declId), eq(rosterPhotos.status, "pending")))).toBe(0);
  });

  it("a stale version is refused; the owner's upload is normalised, stored, audited and clears the 诚信承诺", async () => {
    const d = await row(declId);
    expect(d.pledgeAcceptedAt).not.toBeNull();
    expect(await upload(owner, declId, portrait, d.version - 1)).toMatchObject({ status: 409, body: { message: DECLARATION_STALE } });
    expect((await upload(owner, declId, portrait, null)).status).toBe(400);
    const r = await upload(owner, declId, portrait, d.version);
    expect(r).toMatchObject({ status: 201, body: { ok: true, version: d.version + 1 } });
    const after = await row(declId);
    expect(after).toMatchObject({ version: d.version + 1, pledgeAcceptedAt: null });
    const current = (await photosOf(declId)).filter((p) => p.status === "pending");
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ id: r.body.photoId, recordId: null, uploadedBy: owner.id });
    const meta = await sharp(current[0].data).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif }).toEqual({ format: "jpeg", width: 295, height: 413, exif: undefined });
    expect(await lastAudit("declaration.photo_upload")).toMatchObject({ outcome: "success", targetId: declId, detail: expect.objectContaining({ photoId: r.body.photoId, replaced: 0 }) });
  });

  it("a second upload replaces the first (kept as replaced): one current photo", async () => {
    const before = (await photosOf(declId)).find((p) => p.status === "pending")!;
    const d = await row(declId);
    const r = await upload(owner, declId, portrait, d.version);
    expect(r.status).toBe(201);
    const all = await photosOf(declId);
    expect(all.find((p) => p.id === before.id)?.status).toBe("replaced");
    expect(all.filter((p) => p.status === "pending").map((p) => p.id)).toEqual([r.body.photoId]);
    // Two current photos of one declaration cannot exist (the partial unique index).
    await expect(t.db.insert(rosterPhotos).values({ declarationId: declId, uploadedBy: owner.id, sha256: "x", bytes: 1, data: Buffer.from([1]), status: "pending" })).rejects.toThrow();
    // A photo of nobody, or of both a record and a declaration, is refused by the CHECK.
    await expect(t.db.insert(rosterPhotos).values({ uploadedBy: owner.id, sha256: "x", bytes: 1, data: Buffer.from([1]), status: "replaced" })).rejects.toThrow();
  });

  it("once submitted the photo is fixed (409); the owner, the examining unit and the 专技处 may view it, another person not", async () => {
    let d = await row(declId);
    await inTx((tx) => drafts.acceptPledge(tx, owner, { declarationId: declId, version: d.version, accepted: true }));
    d = await row(declId);
    await inTx((tx) => tr.submitDeclaration(tx, owner, { declarationId: declId, version: d.version }));
    d = await row(declId);
    expect(d.status).toBe("submitted");
    expect(await upload(owner, declId, portrait, d.version)).toMatchObject({ status: 409, body: { message: DECLARATION_PHOTO_LOCKED } });
    const photoId = (await photosOf(declId)).find((p) => p.status === "pending")!.id;
    expect(await view(owner, photoId)).toBe(200);
    expect(await view(unitUser, photoId)).toBe(200);
    expect(await view(zjc, photoId)).toBe(200);
    expect(await view(other, photoId)).toBe(404);
    expect(await lastAudit("photo.view")).toMatchObject({ outcome: "denied" });
  });
});

describe("certificates of a confirmed round", () => {
  it("carry the declaration's 证件照 (the demo's confirmed round)", async () => {
    const rows = await t.db
      .select({ photoId: certificates.photoId, declarationId: reviewCertificates.declarationId })
      .from(reviewCertificates)
      .innerJoin(certificates, eq(certificates.id, reviewCertificates.certificateId));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const [p] = await t.db.select({ id: rosterPhotos.id }).from(rosterPhotos).where(and(eq(rosterPhotos.declarationId, r.declarationId), eq(rosterPhotos.status, "pending")));
      expect(r.photoId).toBe(p.id);
    }
    expect(await t.db.select({ n: count() }).from(rosterPhotos).where(eq(rosterPhotos.declarationId, rows[0].declarationId))).toEqual([{ n: 1 }]);
  });
});
