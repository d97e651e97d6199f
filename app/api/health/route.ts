/**
 * Liveness probe (docs/deploy.md, "Logs, health and backups"): the process is up and answering. It
 * touches no database — /api/ready does. It is also the bare route handler tests/bench/query.bench.ts
 * measures the public query against, so it answers POST too: proxy.ts does more for a GET (session
 * refresh) than for a POST, and the benchmark compares like with like.
 */
function ok(): Response {
  return Response.json({ ok: true, status: "up" }, { headers: { "Cache-Control": "no-store" } });
}

export const GET = ok;
export const POST = ok;
