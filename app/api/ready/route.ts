import { getDb } from "@/db/client";
import { checkReadiness } from "@/lib/ops/readiness";

/**
 * Readiness probe for the load balancer (docs/deploy.md, "Logs, health and backups"): 200 when the
 * database answers within 2 s and its migrations are current, else 503. Public, no personal data.
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const r = await checkReadiness(getDb);
  return Response.json(r, { status: r.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
