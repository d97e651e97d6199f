/**
 * Liveness probe, and the bare route handler tests/bench/query.bench.ts measures the public query
 * against. It answers POST too, so the benchmark can compare like with like: proxy.ts does more for
 * a GET (session refresh) than for a POST.
 */
function ok(): Response {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export const GET = ok;
export const POST = ok;
