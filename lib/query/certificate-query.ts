import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { LookupOutcome } from "@/db/schema/enums";
import { BAD_CAPTCHA_MESSAGE, type VerifiedCaptcha } from "@/lib/captcha/pow";
import { hashClientIp, keyedHash } from "./hash";
import { QUERY_LIMITS, rateLimitKey, tooFrequentMessage, type LimitName } from "./limits";
import { compileStatement, executeCompiled, type CompiledStatement } from "./prepared";
import type { QueryKeys } from "./schemas";
import { toVerifierView, type CertificateStatus, type VerifierCertificateView, type VerifierSource } from "./views";

export type QueryContext =
  /** `captcha`: the solution as checked by verifyCaptchaPayload (null = missing or wrong); redeemed here. */
  | { channel: "public"; ip: string | null; captcha: VerifiedCaptcha | null }
  | { channel: "holder"; ip: string | null; userId: string };

export type QueryOutcome =
  | { kind: "results"; results: VerifierCertificateView[] }
  | { kind: "limited"; retryAfterSec: number; message: string }
  | { kind: "bad_captcha"; message: string };

export { BAD_CAPTCHA_MESSAGE };
const MAX_RESULTS = 20;

type Row = {
  outcome: LookupOutcome;
  retry: number | null;
  id: string | null;
  cert_no: string;
  version: number;
  name: string;
  id_type: VerifierSource["idType"];
  id_number: string;
  series: string;
  specialty: string;
  qualification_name: string;
  level: VerifierSource["level"];
  obtain_method: VerifierSource["obtainMethod"];
  pass_date: string;
  committee_name: string;
  approval_no: string;
  issuing_authority: string;
  issue_date: string;
  status: CertificateStatus;
  current_status: CertificateStatus;
};

/** The rate_limits upsert of lib/rate-limit.ts (fixed window), for rows `source` yields. */
function upsertLimits(source: SQL, windowSec: number): SQL {
  const expired = sql`r.window_start < now() - make_interval(secs => ${windowSec})`;
  return sql`insert into rate_limits as r (key, window_start, count) ${source}
    on conflict (key) do update set
      count = case when ${expired} then 1 else r.count + 1 end,
      window_start = case when ${expired} then now() else r.window_start end
    returning r.key, r.count, greatest(0, ceil(extract(epoch from (r.window_start + make_interval(secs => ${windowSec}) - now()))))::int as retry`;
}

type Fact = { key: keyof QueryKeys; perRequester: LimitName; allPublic: LimitName; column: SQL };
const FACTS: Fact[] = [
  { key: "idNumber", perRequester: "idNumberPerRequester", allPublic: "idNumberAllPublic", column: sql.raw("c.id_number") },
  { key: "certNo", perRequester: "certNoPerRequester", allPublic: "certNoAllPublic", column: sql.raw("c.cert_no") },
  { key: "name", perRequester: "namePerRequester", allPublic: "nameAllPublic", column: sql.raw("c.name") },
];

/**
 * The statement for one shape of query (channel × which facts are given), compiled once: every value
 * that changes per call is a named placeholder, so a call only fills them in (building and compiling
 * the 4 kB statement each time cost more Node CPU than running it).
 */
function compileQueryStatement(channel: QueryContext["channel"], given: Fact[]): CompiledStatement {
  const client = QUERY_LIMITS[channel === "public" ? "publicPerIp" : "holderPerUser"];
  const own = given.map((f, i) => ({ placeholder: `own${i}`, limit: QUERY_LIMITS[f.perRequester] }));
  const ceiling = channel === "public" ? given.map((f, i) => ({ placeholder: `ceiling${i}`, limit: QUERY_LIMITS[f.allPublic] })) : [];
  // All per-key limits share one window (one upsert each stage); the check below keeps it that way.
  const keyWindow = own[0].limit.windowSec;
  if ([...own, ...ceiling].some((k) => k.limit.windowSec !== keyWindow)) throw new Error("per-key limits must share a window");
  const rowsOf = (list: typeof own) =>
    list.length === 0
      ? sql`select null::text, 0::int where false`
      : sql`values ${sql.join(list.map((k) => sql`(${sql.placeholder(k.placeholder)}::text, ${k.limit.limit}::int)`), sql`, `)}`;
  const matches = sql.join(given.map((f) => sql`${f.column} = ${sql.placeholder(f.key)}`), sql` and `);
  const captchaPassed = channel === "public" ? sql`coalesce((select ok from captcha), false)` : sql`true`;
  const clientKey = sql.placeholder("clientKey");
  const captchaId = sql.placeholder("captchaId");
  const captchaExpiresAt = sql.placeholder("captchaExpiresAt");
  const keyHash = sql.placeholder("keyHash");
  const ipHash = sql.placeholder("ipHash");

  return compileStatement(sql`
    with
      client as (${upsertLimits(sql`values (${clientKey}::text, now(), 1)`, client.windowSec)}),
      captcha as (
        insert into captcha_redemptions (challenge_id, expires_at)
        select ${captchaId}::text, ${captchaExpiresAt}::timestamptz
        where ${captchaId}::text is not null and (select count from client) <= ${client.limit}
        on conflict (challenge_id) do nothing
        returning true as ok
      ),
      passed as (select (select count from client) <= ${client.limit} and ${captchaPassed} as ok),
      own_input (k, l) as (${rowsOf(own)}),
      own_keyed as (${upsertLimits(sql`select k, now(), 1 from own_input where (select ok from passed)`, keyWindow)}),
      own_blocked as (
        select count(*)::int as n, coalesce(max(own_keyed.retry), 0)::int as retry
        from own_keyed join own_input on own_input.k = own_keyed.key where own_keyed.count > own_input.l
      ),
      -- The ceiling over all requesters counts only queries within the requester's own limits, so
      -- one source hammering a key cannot use up everybody's allowance.
      ceiling_input (k, l) as (${rowsOf(ceiling)}),
      ceiling_keyed as (${upsertLimits(sql`select k, now(), 1 from ceiling_input where (select ok from passed) and (select n from own_blocked) = 0`, keyWindow)}),
      blocked as (
        select (select n from own_blocked) + count(*)::int as n,
          greatest((select retry from own_blocked), coalesce(max(ceiling_keyed.retry), 0))::int as retry
        from ceiling_keyed join ceiling_input on ceiling_input.k = ceiling_keyed.key where ceiling_keyed.count > ceiling_input.l
      ),
      found as (
        select distinct on (c.cert_no)
          c.id, c.cert_no, c.version, c.name, c.id_type::text, c.id_number, c.series, c.specialty, c.qualification_name,
          c.level::text, c.obtain_method::text, c.pass_date::text, c.committee_name, c.approval_no, c.issuing_authority,
          c.issue_date::text, c.status::text,
          (select c2.status::text from certificates c2 where c2.cert_no = c.cert_no order by c2.version desc limit 1) as current_status
        from certificates c
        where ${matches} and (select ok from passed) and (select n from blocked) = 0
        order by c.cert_no, c.version desc
        limit ${MAX_RESULTS}
      ),
      outcome as (
        select (case
          when (select count from client) > ${client.limit} then 'limited'
          when not (select ok from passed) then 'bad_captcha'
          when (select n from blocked) > 0 then 'limited'
          when exists (select 1 from found) then 'hit'
          else 'miss' end)::lookup_outcome as o
      ),
      logged as (
        insert into certificate_lookups (channel, outcome, certificate_id, key_hash, ip_hash)
        select ${channel}::lookup_channel, 'hit'::lookup_outcome, found.id, ${keyHash}::text, ${ipHash}::text from found
        union all
        select ${channel}::lookup_channel, outcome.o, null, ${keyHash}::text, ${ipHash}::text from outcome where outcome.o <> 'hit'
        returning 1
      )
    select outcome.o::text as outcome,
      (case when (select count from client) > ${client.limit} then (select retry from client) else (select retry from blocked) end) as retry,
      found.*
    from outcome left join found on true
  `);
}

const statements = new Map<string, CompiledStatement>();

/**
 * The any-two query (docs/domain.md §9), in this order: the client's limit (address or account), the captcha
 * (public channel; before the per-key counters, or anyone could lock a person's key for free), the
 * per-key limits (each given fact), the search, the lookup log. A certificate matches only when
 * every given fact matches, so a wrong pair returns exactly what an unknown one does; per
 * certificate number only the newest matching version is shown.
 *
 * All of it is ONE prepared statement (data-modifying CTEs, each step gated on the one before): the
 * public query must keep up with a bare route handler (tests/bench/query.bench.ts), and every round
 * trip, every plan and every commit flushed to disk costs more than the rest of the work.
 */
export async function queryCertificates(db: Db, keys: QueryKeys, ctx: QueryContext): Promise<QueryOutcome> {
  const given = FACTS.filter((f) => keys[f.key]);
  if (given.length < 2) throw new Error("queryCertificates: at least two facts (validate with the schema first)");
  const shape = `${ctx.channel}:${given.map((f) => f.key).join(",")}`;
  let statement = statements.get(shape);
  if (!statement) statements.set(shape, (statement = compileQueryStatement(ctx.channel, given)));

  const ipHash = hashClientIp(ctx.ip);
  // Per-key counters, per requester (address or account) — and, on the public channel only, a
  // ceiling per key over all requesters. See lib/query/limits.ts.
  const requester = ctx.channel === "public" ? `ip:${ipHash}` : `user:${ctx.userId}`;
  // A solution counts only once: its challenge id is inserted into captcha_redemptions.
  const captcha = ctx.channel === "public" ? ctx.captcha : null;
  const values: Record<string, unknown> = {
    clientKey: rateLimitKey(ctx.channel === "public" ? "publicPerIp" : "holderPerUser", ctx.channel === "public" ? ipHash : ctx.userId),
    captchaId: captcha?.challengeId ?? null,
    captchaExpiresAt: captcha?.expiresAt.toISOString() ?? null,
    keyHash: keyedHash("lookup-key", JSON.stringify([keys.name, keys.idNumber, keys.certNo])),
    ipHash,
  };
  given.forEach((f, i) => {
    const value = keys[f.key];
    values[f.key] = value;
    values[`own${i}`] = rateLimitKey(f.perRequester, `${value}\u0000${requester}`);
    if (ctx.channel === "public") values[`ceiling${i}`] = rateLimitKey(f.allPublic, value);
  });
  const rows = await executeCompiled<Row>(db, statement, values);
  const { outcome, retry } = rows[0];
  if (outcome === "limited") return { kind: "limited", retryAfterSec: retry ?? 0, message: tooFrequentMessage(retry ?? 0) };
  if (outcome === "bad_captcha") return { kind: "bad_captcha", message: BAD_CAPTCHA_MESSAGE };
  const results = rows
    .filter((r) => r.id !== null)
    .sort((a, b) => b.pass_date.localeCompare(a.pass_date) || a.cert_no.localeCompare(b.cert_no))
    .map((r) =>
      toVerifierView(
        {
          certNo: r.cert_no, version: r.version, name: r.name, idType: r.id_type, idNumber: r.id_number, series: r.series,
          specialty: r.specialty, qualificationName: r.qualification_name, level: r.level, obtainMethod: r.obtain_method,
          passDate: r.pass_date, committeeName: r.committee_name, approvalNo: r.approval_no, issuingAuthority: r.issuing_authority,
          issueDate: r.issue_date, status: r.status,
        },
        r.current_status,
      ),
    );
  return { kind: "results", results };
}
