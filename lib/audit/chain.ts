import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";

/** The previous hash of the first row (db/sql/audit-chain.sql). */
export const AUDIT_GENESIS_HASH = "0".repeat(64);

export type AuditChainReport =
  | { ok: true; rows: number; headSeq: number; headHash: string }
  | {
      ok: false;
      /** The first row whose link is broken (null when the head itself disagrees with the last row). */
      rowId: number | null;
      chainSeq: number | null;
      problem: "row_hash" | "prev_hash" | "gap" | "unchained" | "head";
      expected: string;
      stored: string;
    };

type ChainRow = { id: string; chain_seq: string | null; prev_hash: string | null; row_hash: string | null; canonical: string };

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Walk the audit chain in `chain_seq` order and report the first broken link (docs/domain.md §12):
 * a row whose stored hash is not the hash of its canonical form (changed in place), whose prev_hash is
 * not the previous row's hash, or a gap in the sequence (a row removed). The canonical text comes
 * from PostgreSQL (`audit_log_canonical`, jsonb normalised); the hashing and linking happen here.
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<AuditChainReport> {
  const [unchained] = await executeRows<{ id: string }>(db, sql`select id from audit_log where chain_seq is null or row_hash is null order by id limit 1`);
  if (unchained) return { ok: false, rowId: Number(unchained.id), chainSeq: null, problem: "unchained", expected: "chain_seq/row_hash", stored: "null" };

  let prevHash = AUDIT_GENESIS_HASH;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const page = await executeRows<ChainRow>(
      db,
      sql`select a.id::text as id, a.chain_seq::text as chain_seq, a.prev_hash, a.row_hash, audit_log_canonical(a) as canonical
          from audit_log a where a.chain_seq > ${lastSeq} order by a.chain_seq limit ${batchSize}`,
    );
    for (const r of page) {
      const seq = Number(r.chain_seq);
      const at = { rowId: Number(r.id), chainSeq: seq };
      if (seq !== lastSeq + 1) return { ok: false, ...at, problem: "gap", expected: `chain_seq ${lastSeq + 1}`, stored: `chain_seq ${seq}` };
      if (r.prev_hash !== prevHash) return { ok: false, ...at, problem: "prev_hash", expected: prevHash, stored: r.prev_hash ?? "null" };
      const expected = sha256(r.canonical);
      if (r.row_hash !== expected) return { ok: false, ...at, problem: "row_hash", expected, stored: r.row_hash ?? "null" };
      prevHash = expected;
      lastSeq = seq;
      rows++;
    }
    if (page.length < batchSize) break;
  }

  const [head] = await executeRows<{ seq: string; hash: string }>(db, sql`select seq::text as seq, hash from audit_chain_head where id = 1`);
  const headSeq = head ? Number(head.seq) : -1;
  if (!head || headSeq !== lastSeq || head.hash !== prevHash) {
    return { ok: false, rowId: null, chainSeq: headSeq, problem: "head", expected: `#${lastSeq} ${prevHash}`, stored: head ? `#${headSeq} ${head.hash}` : "missing" };
  }
  return { ok: true, rows, headSeq, headHash: prevHash };
}

const PROBLEM_LABELS: Record<Extract<AuditChainReport, { ok: false }>["problem"], string> = {
  row_hash: "行内容与其哈希不符（记录被修改）",
  prev_hash: "前一哈希不符（链被改接）",
  gap: "序号不连续（记录被删除）",
  unchained: "记录没有链哈希",
  head: "链头与最后一行不符",
};

/** One line for the operator: "OK, N rows" or the first broken link with expected and stored values. */
export function describeAuditChainReport(r: AuditChainReport): string {
  if (r.ok) return `OK, ${r.rows} rows (链头 #${r.headSeq} ${r.headHash})`;
  const where = r.rowId === null ? "audit_chain_head" : `row id ${r.rowId} (chain_seq ${r.chainSeq ?? "null"})`;
  return `BROKEN at ${where}: ${PROBLEM_LABELS[r.problem]}; expected ${r.expected}, stored ${r.stored}`;
}
