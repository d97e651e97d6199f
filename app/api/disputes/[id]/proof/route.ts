import { getDisputeProof } from "@/lib/disputes/queries";
import { assertDisputeExaminer, DISPUTE_NOT_FOUND } from "@/lib/disputes/guards";
import { NotFoundError } from "@/lib/errors";
import { protectedRoute } from "@/lib/http/protected-route";

/** The proof file of a dispute, for its examining 人社部门 only (docs/domain.md §11); every view audited. */
export const GET = protectedRoute({
  name: "dispute.view_proof",
  roles: ["hrss"],
  mutating: false,
  targetType: "id_dispute",
  idParam: "id",
  notFoundMessage: DISPUTE_NOT_FOUND,
  load: async ({ db, user, params }) =>
    assertDisputeExaminer(db, user, params.id).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    }),
  async handler({ db, row }) {
    const proof = await getDisputeProof(db, row.id);
    if (!proof) throw new NotFoundError(DISPUTE_NOT_FOUND);
    return {
      response: new Response(new Uint8Array(proof.data), {
        headers: {
          "content-type": proof.contentType,
          "content-disposition": `inline; filename="proof.${proof.type === "jpeg" ? "jpg" : proof.type}"`,
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
          "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; object-src 'self'",
        },
      }),
      audit: { targetId: row.id, detail: { proofType: proof.type } },
    };
  },
});
