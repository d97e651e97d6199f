/**
 * The request body, read as it streams in: gives up (and reads no further) once more than `max` bytes
 * have arrived, so an oversized upload is never buffered whole. `declared` is the Content-Length
 * (0 when absent); a body shorter than declared is an upload cut off on the way (the proxy layer cuts
 * large bodies without an error).
 */
export type CappedBody =
  | { ok: true; data: Buffer; declared: number }
  | { ok: false; reason: "too_large"; bytes: number }
  | { ok: false; reason: "incomplete"; bytes: number; declared: number };

export async function readBodyCapped(req: Request, max: number): Promise<CappedBody> {
  const raw = Number(req.headers.get("content-length") ?? "0");
  const declared = Number.isFinite(raw) && raw > 0 ? raw : 0;
  if (declared > max) return { ok: false, reason: "too_large", bytes: declared };
  if (!req.body) return declared > 0 ? { ok: false, reason: "incomplete", bytes: 0, declared } : { ok: true, data: Buffer.alloc(0), declared };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return { ok: false, reason: "too_large", bytes: total };
    }
    chunks.push(value);
  }
  if (declared > 0 && total !== declared) return { ok: false, reason: "incomplete", bytes: total, declared };
  return { ok: true, data: Buffer.concat(chunks), declared };
}
