import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { orgs, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { registerPerson } from "@/lib/accounts/register";
import { DUPLICATE_ID_MESSAGE } from "@/lib/accounts/schemas";
import { creditCodeCheckChar } from "@/lib/validation/credit-code";
import { idCheckChar } from "@/lib/validation/id-number";
import { solvedCaptcha } from "../helpers/captcha";
import { useTestDb, type TestDb } from "../setup/test-db";

// Each test sets the address its requests come from.
const client = vi.hoisted(() => ({ ip: "203.0.113.1" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": client.ip }) }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

const { registerPersonAction, registerUnitAction } = await import("@/app/(auth)/register/actions");

const BAD_CAPTCHA = "人机验证未通过或已过期，请重新验证";
const validId = (first17: string) => first17 + idCheckChar(first17);
const taken = validId("52010219900101001");

let t: TestDb;
let ipSeq = 0;
const fromNewAddress = () => (client.ip = `198.51.100.${++ipSeq}`);

const person = (idNumber: string) => ({
  name: "周梅",
  idType: "resident",
  idNumber,
  phone: "13800000009",
  password: "Passw0rd!",
  confirmPassword: "Passw0rd!",
  consent: true,
});

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  await registerPerson(t.db, { ...person(taken), idType: "resident" }, null);
});
afterAll(() => t?.close());

describe("registration is gated by the captcha and a per-address throttle (docs/domain.md §11)", () => {
  it("refuses a registration without a captcha, or with a bad one, the same way for a taken and a free ID number", async () => {
    const free = validId("52010219900101002");
    fromNewAddress();
    const noCaptchaTaken = await registerPersonAction(person(taken));
    const noCaptchaFree = await registerPersonAction(person(free));
    expect(noCaptchaTaken).toEqual(noCaptchaFree);
    expect(noCaptchaTaken).toMatchObject({ ok: false, fieldErrors: { captcha: "请先完成人机验证（勾选“我不是机器人”）" } });

    const forged = Buffer.from(JSON.stringify({ challenge: { parameters: { nonce: "00", expiresAt: 9e9, algorithm: "PBKDF2/SHA-256" } }, solution: { counter: 1, derivedKey: "00" } })).toString("base64");
    const badTaken = await registerPersonAction({ ...person(taken), captcha: forged });
    const badFree = await registerPersonAction({ ...person(free), captcha: forged });
    expect(badTaken).toEqual({ ok: false, message: BAD_CAPTCHA, fieldErrors: { captcha: BAD_CAPTCHA } });
    expect(badFree).toEqual(badTaken);
    expect(await t.db.select().from(users).where(eq(users.idNumber, free))).toEqual([]);
  });

  it("tells an ID number is registered only after a valid captcha, and a solution cannot be replayed to ask again", async () => {
    fromNewAddress();
    const captcha = await solvedCaptcha();
    const r = await registerPersonAction({ ...person(taken), ...captcha });
    expect(r).toMatchObject({ ok: false, message: DUPLICATE_ID_MESSAGE, fieldErrors: { idNumber: DUPLICATE_ID_MESSAGE } });
    expect(await registerPersonAction({ ...person(taken), ...captcha })).toMatchObject({ ok: false, message: BAD_CAPTCHA });
  });

  it("registers a person with a valid captcha", async () => {
    fromNewAddress();
    const id = validId("52010219900101003");
    expect(await registerPersonAction({ ...person(id), ...(await solvedCaptcha()) })).toMatchObject({ ok: true, message: "注册成功，请使用证件号码和密码登录" });
    expect(await t.db.select({ id: users.id }).from(users).where(eq(users.idNumber, id))).toHaveLength(1);
  });

  it("tells a user name is taken only after a valid captcha", async () => {
    fromNewAddress();
    const [gy] = await t.db.select().from(orgs).where(eq(orgs.name, "贵阳市人力资源和社会保障局"));
    const [zjt] = await t.db.select().from(orgs).where(eq(orgs.name, "贵州省住房和城乡建设厅"));
    const code17 = "91520100MA6DX0001";
    const unit = {
      creditCode: code17 + creditCodeCheckChar(code17),
      name: "贵州黔安工程咨询有限公司",
      regionOrgId: gy.id,
      supervisorId: zjt.id,
      contactName: "赵丽",
      contactPhone: "13900000002",
      username: "demo_unit",
      password: "Unit2026ok",
      confirmPassword: "Unit2026ok",
    };
    expect(await registerUnitAction(unit)).toMatchObject({ ok: false, fieldErrors: { captcha: expect.any(String) } });
    expect(await registerUnitAction({ ...unit, captcha: "bm90IGEgc29sdXRpb24=" })).toEqual({ ok: false, message: BAD_CAPTCHA, fieldErrors: { captcha: BAD_CAPTCHA } });
    expect(await registerUnitAction({ ...unit, ...(await solvedCaptcha()) })).toMatchObject({ ok: false, message: "该用户名已被使用" });
  });

  it("allows ten attempts per address an hour, then answers with the wait — even with a valid captcha", async () => {
    fromNewAddress();
    for (let i = 0; i < 10; i++) expect(await registerPersonAction({ ...person(taken), captcha: "bm90IGEgc29sdXRpb24=" })).toMatchObject({ message: BAD_CAPTCHA });
    const r = await registerPersonAction({ ...person(validId("52010219900101004")), ...(await solvedCaptcha()) });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^注册尝试过于频繁，请\d+分钟后再试$/) });
    // Another address is not affected.
    fromNewAddress();
    expect(await registerPersonAction({ ...person(validId("52010219900101004")), ...(await solvedCaptcha()) })).toMatchObject({ ok: true });
  });
});
