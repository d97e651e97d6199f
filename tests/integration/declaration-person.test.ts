/**
 * The applicant's side of declarations (docs/domain.md §16), called as an attacker could: the server actions
 * with a chosen session (another person's declaration, a withdrawn one, the wrong role) and the attachment
 * routes (a renamed .txt as .pdf, a truncated PNG, oversize, the 50 MB total, downloads by others).
 */
import { desc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, declarationAttachments, declarationBatches, declarations, notifications, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import type { SessionUser } from "@/lib/auth/session-user";
import { idCheckChar } from "@/lib/validation/id-number";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

const session = vi.hoisted(() => ({ current: null as null | SessionUser }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(async () => session.current),
  currentRequestIp: vi.fn(async () => "198.51.100.7"),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

const actions = await import("@/app/(person)/person/declarations/actions");
const uploadRoute = await import("@/app/api/declarations/[declarationId]/attachments/route");
const fileRoute = await import("@/app/api/declarations/attachments/[attachmentId]/route");

const SAME = { "sec-fetch-site": "same-origin" };
let t: TestDb;
let batchId: string;
let alice: SessionUser;
let bob: SessionUser;
let unitUser: SessionUser;
let declId: string;
let version: number;
let pngBytes: Buffer;

async function person(name: string, seq: string) {
  const first17 = `5201021986020${seq}`.slice(0, 17);
  const [row] = await t.db.insert(users).values({ role: "person", name, idType: "resident", idNumber: first17 + idCheckChar(first17), passwordHash: "x", username: `dp_${seq}` }).returning({ id: users.id });
  return sessionUserOf(t.db, row.id);
}

const upload = (id: string, body: Uint8Array, slot = "education", name = "证书.pdf") =>
  uploadRoute.POST(new Request(`http://localhost:3000/api/declarations/${id}/attachments?slot=${slot}&name=${encodeURIComponent(name)}`, { method: "POST", body: new Uint8Array(body), headers: SAME }), {
    params: Promise.resolve({ declarationId: id }),
  });
const download = (id: string) => fileRoute.GET(new Request(`http://localhost:3000/api/declarations/attachments/${id}`, { headers: SAME }), { params: Promise.resolve({ attachmentId: id }) });

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  [{ id: batchId }] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).limit(1);
  alice = await person("爱丽丝", "0111");
  bob = await person("鲍勃", "0222");
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "demo_unit"));
  unitUser = await sessionUserOf(t.db, u.id);
  pngBytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#88aaff" } }).png().toBuffer();
}, 120_000);
afterAll(() => t?.close());

describe("person actions: authorization", () => {
  it("a person creates a draft; a unit account cannot", async () => {
    session.current = unitUser;
    expect(await actions.createDraftAction({ batchId, specialty: "计算机", targetLevel: "senior_deputy" })).toMatchObject({ ok: false, message: "您无权执行此操作" });
    session.current = alice;
    const r = await actions.createDraftAction({ batchId, specialty: "计算机", targetLevel: "senior_deputy" });
    expect(r).toMatchObject({ ok: true, message: "已创建申报草稿" });
    if (!r.ok) return;
    declId = r.data.id;
    [{ version }] = await t.db.select({ version: declarations.version }).from(declarations).where(eq(declarations.id, declId));
  });

  it("hostile text is refused field by field; a stale version is refused", async () => {
    session.current = alice;
    const bad = await actions.saveWorkAction({ declarationId: declId, version, entries: [{ id: crypto.randomUUID(), from: "2010-01-01", to: null, employer: "单位\u202E", post: "教师" }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors?.["entries.0.employer"]).toContain("工作单位");
    const stale = await actions.saveWorkAction({ declarationId: declId, version: version + 5, entries: [{ id: crypto.randomUUID(), from: "2010-01-01", to: null, employer: "贵州大学", post: "教师" }] });
    expect(stale).toMatchObject({ ok: false, message: "该申报的状态已变化，请刷新后重试" });
  });

  it("another person cannot save, submit or withdraw it: it does not exist for them", async () => {
    session.current = bob;
    const entries = [{ id: crypto.randomUUID(), from: "2010-01-01", to: null, employer: "贵州大学", post: "教师" }];
    expect(await actions.saveWorkAction({ declarationId: declId, version, entries })).toMatchObject({ ok: false, message: "申报不存在" });
    expect(await actions.submitDeclarationAction({ declarationId: declId, version })).toMatchObject({ ok: false, message: "申报不存在" });
    expect(await actions.withdrawDeclarationAction({ declarationId: declId, version })).toMatchObject({ ok: false, message: "申报不存在" });
    const [row] = await t.db.select().from(declarations).where(eq(declarations.id, declId));
    expect(row).toMatchObject({ status: "draft", version });
  });

  it("submitting an incomplete draft lists what is missing", async () => {
    session.current = alice;
    const r = await actions.submitDeclarationAction({ declarationId: declId, version });
    expect(r).toMatchObject({ ok: false, message: "请填写基本信息（含所在单位）；请至少填写一条学历信息；请至少填写一条工作经历；请填写现任职称及取得时间；请在「证件照」步骤上传本人证件照；请阅读并勾选诚信承诺" });
  });
});

describe("attachments", () => {
  let attId: string;

  it("a real PNG and a real PDF are stored with their detected type, size and sha256", async () => {
    session.current = alice;
    const res = await upload(declId, pngBytes, "education", "学位证.png");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { attachment: { id: string; mime: string } };
    expect(body.attachment.mime).toBe("image/png");
    attId = body.attachment.id;
    const pdf = await upload(declId, Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), "title", "职称证书.pdf");
    expect(pdf.status).toBe(200);
    const [row] = await t.db.select().from(declarationAttachments).where(eq(declarationAttachments.id, attId));
    expect(row).toMatchObject({ size: pngBytes.length, mime: "image/png", slot: "education" });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a text file renamed .pdf, a PDF header without its trailer and a truncated PNG are refused by content", async () => {
    session.current = alice;
    for (const bytes of [Buffer.from("这不是PDF，只是改了扩展名的文本\n"), Buffer.from("%PDF-1.4\nnot really a pdf"), pngBytes.subarray(0, 40)]) {
      const res = await upload(declId, bytes, "education", "伪装.pdf");
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toBe("材料须为 PDF、JPEG 或 PNG 文件（按文件内容识别），请重新选择");
    }
  });

  it("over 10 MB is refused (413) and the 50 MB total per declaration holds", async () => {
    session.current = alice;
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    big.write("%PDF-1.4\n", 0);
    big.write("%%EOF\n", big.length - 6);
    const res = await upload(declId, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toBe("单个材料不能超过10MB");
    const nine = Buffer.alloc(9 * 1024 * 1024, 0x20);
    nine.write("%PDF-1.4\n", 0);
    nine.write("%%EOF\n", nine.length - 6);
    for (let i = 0; i < 5; i++) expect((await upload(declId, nine, "other", `附件${i}.pdf`)).status).toBe(200);
    const over = await upload(declId, nine, "other", "超出.pdf");
    expect(over.status).toBe(400);
    expect(((await over.json()) as { message: string }).message).toBe("每份申报的材料合计不能超过50MB");
  }, 180_000);

  it("another person cannot upload to it nor download its files; the owner downloads with no-store", async () => {
    session.current = bob;
    expect((await upload(declId, pngBytes)).status).toBe(404);
    const foreign = await download(attId);
    expect(foreign.status).toBe(404);
    const [denied] = await t.db.select().from(auditLog).where(eq(auditLog.action, "declaration.download_attachment")).orderBy(desc(auditLog.chainSeq)).limit(1);
    expect(denied.actorId).toBe(bob.id);
    expect(denied.outcome).not.toBe("success");
    // The unit does not see a draft either.
    session.current = unitUser;
    expect((await download(attId)).status).toBe(404);
    session.current = alice;
    const own = await download(attId);
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toBe("no-store");
    expect(own.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await own.arrayBuffer()).equals(pngBytes)).toBe(true);
  });

  it("a withdrawn declaration takes no more uploads or saves", async () => {
    session.current = alice;
    const [{ version: v }] = await t.db.select({ version: declarations.version }).from(declarations).where(eq(declarations.id, declId));
    expect(await actions.withdrawDeclarationAction({ declarationId: declId, version: v })).toMatchObject({ ok: true, message: "申报已撤回" });
    const res = await upload(declId, pngBytes);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe("申报已提交，不能再上传材料");
    const entries = [{ id: crypto.randomUUID(), from: "2010-01-01", to: null, employer: "贵州大学", post: "教师" }];
    expect(await actions.saveWorkAction({ declarationId: declId, version: v + 1, entries })).toMatchObject({ ok: false, message: "申报已提交，不能修改（如需修改请先撤回，或等待退回）" });
    const [msg] = await t.db.select().from(notifications).where(eq(notifications.userId, alice.id)).orderBy(desc(notifications.id)).limit(1);
    expect(msg).toMatchObject({ kind: "declaration_withdrawn" });
  });
});
