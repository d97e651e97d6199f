import { notFound } from "next/navigation";
import { ForbiddenError } from "@/lib/errors";

/**
 * A round page's one query, with the lib's refusals as 404: a round the actor has no part in, and a
 * candidate a member is blocked from, answer like a missing page (nothing is revealed, not even the block).
 */
export async function orNotFound<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (err) {
    if (err instanceof ForbiddenError) notFound();
    throw err;
  }
}
