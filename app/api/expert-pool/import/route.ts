import { assertPoolOrg } from "@/lib/experts/access";
import { POOL_IMPORT_MAX_BYTES } from "@/lib/experts/constants";
import { commitPoolImport, parsePoolWorkbook } from "@/lib/experts/pool-import";
import { protectedRoute, RouteError } from "@/lib/http/protected-route";
import { readBodyCapped } from "@/lib/http/read-body";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

/**
 * 专家库批量导入: the raw .xlsx is the body. All or nothing (docs/domain.md §13): a file with
 * any bad row, or a person already in the pool, writes nothing and answers 422 with the row / column /
 * reason report; otherwise every row becomes an invitation of the caller's pool.
 */
export const POST = protectedRoute({
  name: "expert_pool.import",
  roles: COMMITTEE_FORMING_ROLES,
  mutating: true,
  targetType: "expert_pool",
  handler: async ({ req, user, transaction }) => {
    const orgId = assertPoolOrg(user);
    const body = await readBodyCapped(req, POOL_IMPORT_MAX_BYTES);
    if (!body.ok && body.reason === "too_large") throw new RouteError(413, "文件超过2 MB，请拆分后分批导入");
    if (!body.ok) throw new RouteError(400, "文件上传不完整，请重新上传");
    const parsed = await parsePoolWorkbook(body.data);
    if (!parsed.ok) throw new RouteError(422, parsed.message, { body: { issues: [] } });
    return transaction(async (tx) => {
      const result = await commitPoolImport(tx, user, parsed);
      if (!result.ok) {
        throw new RouteError(422, result.message, { detail: { rowsWithIssues: new Set(result.issues.map((i) => i.row)).size }, body: { issues: result.issues } });
      }
      return {
        response: Response.json({ ok: true, invited: result.invited }),
        audit: { targetType: "expert_pool", targetId: orgId, detail: { invited: result.invited } },
      };
    });
  },
});
