import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import postgres from "postgres";
import { DEMO_PASSWORD } from "./pages/login-page";

// Hostile input never crashes the server (docs/domain.md §10): a seeded stream of generated requests
// against the built app — public endpoints, login, registration, query, verify, photo upload and a few
// signed-in pages and actions — answers no 5xx, and a refused request writes no domain row.
// FUZZ_SEED reproduces a run; FUZZ_COUNT scales it.

const SEED = Number(process.env.FUZZ_SEED ?? 20260417);
const PER_TARGET = Number(process.env.FUZZ_COUNT ?? 180);
const CONCURRENCY = 6;
const root = process.cwd();

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
const rnd = prng(SEED);

const HOSTILE_CHARS = [
  "\u0000", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u009b", "\u202e", "\u202a", "\u2066", "\u200e", "\u200f",
  "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u2028", "\ud800", "\udfff", "\r\n", "\t",
];
const ORDINARY = ["张", "三", "阿依古丽·买买提", "O'Neil", "𠮷", "e\u0301", "Ω", " ", "'", '"', "<script>", "%", "../", "\\", "$", "=1+1", "@", "　", "ﾀ"];

/** A string with at least one character the text rule refuses. */
function hostile(): string {
  const parts: string[] = [];
  const n = 1 + rnd.int(6);
  for (let i = 0; i < n; i++) parts.push(rnd.next() < 0.5 ? rnd.pick(HOSTILE_CHARS) : rnd.pick(ORDINARY));
  parts.splice(rnd.int(parts.length + 1), 0, rnd.pick(HOSTILE_CHARS.slice(0, 20)));
  return parts.join("");
}
function anyText(): string {
  const r = rnd.next();
  if (r < 0.05) return "A".repeat(100_000) + hostile();
  if (r < 0.1) return "$" + rnd.pick(["1", "@0", "Q0", "K1", "T", "F0", "h0", "B0", "n1e9", "Dnot-a-date", "", "$"]);
  if (r < 0.6) return hostile();
  let s = "";
  const n = rnd.int(30);
  for (let i = 0; i < n; i++) s += String.fromCodePoint(rnd.pick([rnd.int(0x80), 0x4e00 + rnd.int(0x5000), rnd.int(0x10ffff)]));
  return s;
}
function anyValue(depth = 0): unknown {
  const r = rnd.next();
  if (r < 0.5 || depth > 2) return anyText();
  if (r < 0.6) return rnd.int(2) ? null : rnd.next() * 1e12 - 5e11;
  if (r < 0.7) return rnd.int(2) === 1;
  if (r < 0.85) return Array.from({ length: rnd.int(4) }, () => anyValue(depth + 1));
  return Object.fromEntries(Array.from({ length: rnd.int(4) }, () => [anyText().slice(0, 20), anyValue(depth + 1)]));
}
/** encodeURIComponent throws on a lone surrogate; the raw escapes of one are in badPercent(). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const enc = (s: string) => encodeURIComponent(s.replace(LONE_SURROGATE, "\ufffd"));
function badPercent(): string {
  return rnd.pick(["%", "%F", "%FF", "%E0%A4%A", "%C0%AF", "%00", "%E2%80%AE", "%ED%A0%80", "%G0", "%%", "%u0000", "..%2F..%2F", "%2e%2e%2f", "%C3%28", "%F4%90%80%80"]);
}
function junkSegment(): string {
  const r = rnd.next();
  if (r < 0.5) return badPercent() + rnd.pick(["", "abc", "0" + badPercent()]);
  if (r < 0.7) return enc(anyText().slice(0, 200)).slice(0, 600);
  if (r < 0.85) return rnd.pick(["..", "...", "..%2f..%2fetc%2fpasswd", "%2e%2e", "00000000-0000-0000-0000-000000000000", "x".repeat(3000)]);
  return crypto.randomUUID();
}

/** Server action ids from the production build's client chunks, by exported name. */
function actionIds(): Map<string, string> {
  const ids = new Map<string, string>();
  const dir = path.join(root, ".next", "static", "chunks");
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) {
        for (const m of readFileSync(p, "utf8").matchAll(/\("([0-9a-f]{42})",[^)]{0,80}?"([A-Za-z]+Action)"\)/g)) ids.set(m[2], m[1]);
      }
    }
  };
  walk(dir);
  return ids;
}

/**
 * Domain rows a refused request must not add. Audit rows are expected (denials are audited); so are the
 * verification-link lookups (`verify_link`): every visit, a junk token included, is logged as a miss,
 * because the per-address limit counts them (lib/query/verify-link.ts).
 */
const DOMAIN_COUNTS: Record<string, string> = {
  users: "select count(*)::int as n from users",
  orgs: "select count(*)::int as n from orgs",
  roster_records: "select count(*)::int as n from roster_records",
  roster_imports: "select count(*)::int as n from roster_imports",
  roster_photos: "select count(*)::int as n from roster_photos",
  certificates: "select count(*)::int as n from certificates",
  "certificate_lookups (query, holder)": "select count(*)::int as n from certificate_lookups where channel <> 'verify_link'",
};

async function countDomainRows(): Promise<Record<string, number> | null> {
  const file = path.join(root, "tests", ".artifacts", "e2e-database-url");
  if (!existsSync(file)) return null;
  const sql = postgres(readFileSync(file, "utf8").trim(), { max: 1, onnotice: () => {} });
  try {
    const out: Record<string, number> = {};
    for (const [name, query] of Object.entries(DOMAIN_COUNTS)) {
      const [{ n }] = await sql.unsafe(query);
      out[name] = n;
    }
    return out;
  } finally {
    await sql.end();
  }
}

type Probe = { label: string; send: (api: APIRequestContext) => Promise<APIResponse> };

async function runAll(api: APIRequestContext, probes: Probe[]): Promise<string[]> {
  const failures: string[] = [];
  let i = 0;
  const worker = async () => {
    while (i < probes.length) {
      const probe = probes[i++];
      try {
        const res = await probe.send(api);
        if (res.status() >= 500) failures.push(`${res.status()} ${probe.label}: ${(await res.text()).slice(0, 200)}`);
        await res.dispose();
      } catch (err) {
        failures.push(`no answer ${probe.label}: ${(err as Error).message.slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

const actionHeaders = (id: string) => ({ "Next-Action": id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" });
const show = (s: string) => JSON.stringify(s).slice(0, 120);

test.describe.configure({ timeout: 180_000 });

test(`hostile input never gets a 5xx or writes a row (seed ${SEED})`, async ({ playwright, baseURL }) => {
  const ids = actionIds();
  for (const name of ["loginAction", "registerPersonAction", "registerUnitAction", "createRosterRecordAction"]) expect(ids.get(name), name).toBeTruthy();
  const anon = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
  const signedIn = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
  const person = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
  for (const [ctx, username] of [[signedIn, "demo_province"], [person, "demo_person"]] as const) {
    const res = await ctx.post("/login", { headers: actionHeaders(ids.get("loginAction")!), data: JSON.stringify([{ identifier: username, password: DEMO_PASSWORD }]) });
    expect(res.status(), `login ${username}`).toBeLessThan(400);
    expect((await ctx.storageState()).cookies.some((c) => c.name.includes("session-token")), `session cookie for ${username}`).toBe(true);
  }

  const before = await countDomainRows();
  const N = PER_TARGET;
  const publicProbes: Probe[] = [];
  const rep = (n: number, make: () => Probe) => Array.from({ length: n }, make).forEach((p) => publicProbes.push(p));

  // Paths: bad escapes, traversal and junk in every kind of dynamic segment, the excluded prefixes too.
  const PATHS = ["/verify/", "/hrss/confirm/", "/hrss/review/", "/dept/review/", "/api/photos/", "/api/certificates/", "/api/roster/imports/", "/person/records/", "/_next/static/", "/_next/image?url=", "/api/auth/", "/"];
  rep(N * 2, () => {
    const p = rnd.pick(PATHS) + junkSegment() + (rnd.int(3) === 0 ? "/pdf" : "");
    return { label: `GET ${p.slice(0, 100)}`, send: (api) => api.get(p) };
  });
  // Router headers with junk.
  rep(N, () => {
    const h: Record<string, string> = { RSC: rnd.pick(["1", "0", "x", ""]) };
    if (rnd.int(2)) h["Next-Router-State-Tree"] = rnd.pick([badPercent(), enc(JSON.stringify(anyValue())), "%5B%22%22%2C%7B%7D%5D", "[".repeat(2000)]);
    if (rnd.int(2)) h["Next-Router-Prefetch"] = rnd.pick(["1", "2", "3", "x", ""]);
    if (rnd.int(3) === 0) h["Next-Router-Segment-Prefetch"] = rnd.pick(["/_tree", "/" + junkSegment(), badPercent()]);
    const p = rnd.pick(["/", "/verify/abc", "/login", "/register/person", "/query"]);
    return { label: `GET ${p} ${show(JSON.stringify(h))}`, send: (api) => api.get(p, { headers: h }) };
  });
  // Public certificate query: junk JSON, wrong types, hostile fields, huge strings.
  rep(N * 2, () => {
    const r = rnd.next();
    const body =
      r < 0.2
        ? rnd.pick(["{", "null", "[]", '"x"', "{\"name\":\"\\ud800\"}", "\u0000", anyText()])
        : JSON.stringify({ name: anyValue(), idNumber: anyValue(), certNo: anyValue(), captchaId: rnd.int(2) ? crypto.randomUUID() : anyValue(), captchaAnswer: anyValue() });
    const type = rnd.pick(["application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=gbk"]);
    return { label: `POST /api/certificates/query ${show(body)}`, send: (api) => api.post("/api/certificates/query", { headers: { "Content-Type": type }, data: body }) };
  });
  // Verification links and the captcha.
  rep(N / 2, () => {
    const q = rnd.int(2) ? `?t=${enc(anyText().slice(0, 300))}` : `?${badPercent()}=${badPercent()}`;
    const p = rnd.pick(["/verify/" + enc(anyText().slice(0, 100)), "/verify", "/api/certificates/captcha", "/query"]) + q;
    return { label: `GET ${p.slice(0, 120)}`, send: (api) => api.get(p) };
  });
  // Login through the action and through the Auth.js endpoint.
  rep(N, () => {
    const arg = rnd.int(4) ? { identifier: anyValue(), password: anyValue() } : anyValue();
    const data = JSON.stringify([arg]);
    return { label: `loginAction ${show(data)}`, send: (api) => api.post("/login", { headers: actionHeaders(ids.get("loginAction")!), data }) };
  });
  rep(N / 2, () => {
    const form = { identifier: anyText().slice(0, 500), password: anyText().slice(0, 500), csrfToken: anyText().slice(0, 50) };
    return { label: `POST credentials ${show(form.identifier)}`, send: (api) => api.post("/api/auth/callback/credentials", { form }) };
  });
  // Registration: every payload carries at least one refused value, so none may create an account.
  rep(N, () => {
    const unit = rnd.int(2) === 1;
    const base = unit
      ? { creditCode: "91520000MA6DKXXXXX", name: "贵州测试有限公司", regionOrgId: crypto.randomUUID(), supervisorId: crypto.randomUUID(), contactName: "张三", contactPhone: "13812345678", username: "fuzz_user", password: "Fuzz@2026x", confirmPassword: "Fuzz@2026x" }
      : { name: "张三", idType: "resident", idNumber: "520102199208010012", phone: "13812345678", password: "Fuzz@2026x", confirmPassword: "Fuzz@2026x", consent: true, nationality: "" };
    const keys = Object.keys(base);
    const arg: Record<string, unknown> = { ...base, [rnd.pick(keys)]: hostile() };
    if (rnd.int(2)) arg[rnd.pick(keys)] = anyValue();
    const data = JSON.stringify([arg]);
    const name = unit ? "registerUnitAction" : "registerPersonAction";
    return { label: `${name} ${show(data)}`, send: (api) => api.post(unit ? "/register/unit" : "/register/person", { headers: actionHeaders(ids.get(name)!), data }) };
  });
  // Action calls with junk ids, `$` references and malformed payloads.
  rep(N, () => {
    const id = rnd.pick([ids.get("registerPersonAction")!, ids.get("loginAction")!, "0".repeat(42), "x", badPercent(), "7f" + "a".repeat(40)]);
    const data = rnd.pick([
      JSON.stringify([rnd.pick(["$1", "$@0", "$Q1", "$K0", "$W2", "$B3", "$F1", "$h0", "$T", "$n-", "$Dxx", "$", "$$", "$undefined"])]),
      JSON.stringify([{ name: "$" + anyText().slice(0, 10) }]),
      "[" + anyText().slice(0, 100),
      anyText().slice(0, 1000),
      "",
    ]);
    const type = rnd.pick(["text/plain;charset=UTF-8", "multipart/form-data; boundary=----x", "application/json", "application/x-www-form-urlencoded"]);
    return { label: `action ${show(id)} ${type} ${show(data)}`, send: (api) => api.post(rnd.pick(["/", "/login", "/register/person"]), { headers: { "Next-Action": id, "Content-Type": type }, data }) };
  });
  // Photo upload without a session: junk bodies and query strings.
  rep(N / 2, () => {
    const q = rnd.pick([`recordId=${badPercent()}`, `recordId=${enc(anyText().slice(0, 60))}`, "", `recordId=${crypto.randomUUID()}`]);
    return { label: `POST upload ?${q.slice(0, 80)}`, send: (api) => api.post(`/api/photos/upload?${q}`, { headers: { "Content-Type": rnd.pick(["image/jpeg", "multipart/form-data", "text/plain"]), Origin: baseURL! }, data: Buffer.from(anyText()) }) };
  });

  // Signed in (专技处-side province account and a person): pages with junk ids, a roster action, uploads.
  const signedInProbes: Probe[] = [];
  const PAGES = ["/hrss/review/", "/hrss/confirm/", "/hrss/confirm/certificates/", "/hrss/review/" + crypto.randomUUID() + "/batches/", "/hrss/review/" + crypto.randomUUID() + "/imports/"];
  for (let k = 0; k < N / 2; k++) {
    const p = rnd.pick(PAGES) + junkSegment();
    const search = rnd.int(2) ? `?q=${enc(anyText().slice(0, 200))}&page=${enc(anyText().slice(0, 20))}` : "";
    signedInProbes.push({ label: `GET(signed in) ${(p + search).slice(0, 120)}`, send: () => signedIn.get(p + search) });
  }
  for (let k = 0; k < N / 2; k++) {
    const fields = ["name", "gender", "birthDate", "idType", "idNumber", "nationality", "workUnit", "series", "specialty", "qualificationName", "level", "obtainMethod", "passDate", "approvalNo", "issuingAuthority", "issueDate"];
    const arg: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f, rnd.int(3) ? anyText().slice(0, 80) : ""]));
    arg.committeeId = rnd.int(2) ? crypto.randomUUID() : anyValue();
    arg[rnd.pick(fields)] = hostile();
    const data = JSON.stringify([arg]);
    signedInProbes.push({ label: `createRosterRecordAction ${show(data)}`, send: () => signedIn.post("/hrss/review", { headers: actionHeaders(ids.get("createRosterRecordAction")!), data }) });
  }
  for (let k = 0; k < N / 3; k++) {
    const q = rnd.pick([`recordId=${enc(anyText().slice(0, 60))}`, `recordId=${crypto.randomUUID()}`, `recordId=${badPercent()}`]);
    signedInProbes.push({ label: `POST(person) upload ?${q.slice(0, 80)}`, send: () => person.post(`/api/photos/upload?${q}`, { headers: { "Content-Type": "image/jpeg", Origin: baseURL! }, data: Buffer.from(anyText()) }) });
    signedInProbes.push({ label: `GET(person) photo`, send: () => person.get(`/api/photos/${junkSegment()}`) });
  }

  const total = publicProbes.length + signedInProbes.length;
  test.info().annotations.push({ type: "fuzz", description: `seed ${SEED}, ${total} requests` });
  expect(total).toBeGreaterThanOrEqual(2000);
  const failures = [...(await runAll(anon, publicProbes)), ...(await runAll(anon, signedInProbes))];
  expect(failures, failures.slice(0, 20).join("\n")).toEqual([]);

  const after = await countDomainRows();
  if (before && after) expect(after).toEqual(before);
  else test.info().annotations.push({ type: "fuzz", description: "row counts skipped: no PostgreSQL database URL from the e2e server (PGlite)" });
  await Promise.all([anon.dispose(), signedIn.dispose(), person.dispose()]);
});
