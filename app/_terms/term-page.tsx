import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { first, type SearchParams } from "@/lib/http/search-params";
import { assertCommitteeOwner, isUuid } from "@/lib/roster/access";
import { listTermCandidates, listTermMembers } from "@/lib/terms/queries";
import { loadOwnedTerm } from "@/lib/terms/terms";
import { TermForm } from "./term-form";
import { FILING_AREAS_BY_KEY, type FilingArea } from "./term-areas";

/** 组建新一届 (`termId` absent, committee from `?committee=`) or one term's members: the form while a draft, a list once filed. */
export async function TermPage({ area, termId, searchParams }: { area: FilingArea; termId?: string; searchParams: SearchParams }) {
  const { role, base } = FILING_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const term = termId ? (isUuid(termId) ? await loadOwnedTerm(db, user, termId).catch(() => null) : null) : null;
  if (termId && !term) notFound();
  const committeeId = term?.committeeId ?? first(searchParams.committee) ?? "";
  const committee = await assertCommitteeOwner(db, user, committeeId).catch((e: unknown) => {
    if (e instanceof ForbiddenError) notFound();
    throw e;
  });
  const members = term ? await listTermMembers(db, term.id) : [];
  const title = `${committee.name} · ${term ? `${term.startDate} 至 ${term.endDate}` : "组建新一届"}`;

  if (term && term.status !== "draft") {
    return (
      <Card title={title}>
        <MemberTable members={members} />
      </Card>
    );
  }
  const candidates = (await listTermCandidates(db, committee.formingOrgId)).map((c) => ({ ...c, userId: c.userId! }));
  const year = new Date().getFullYear();
  return (
    <Card title={title}>
      <TermForm
        committee={committee}
        candidates={candidates}
        listHref={base}
        initial={{
          committeeId: committee.id,
          termId: term?.id,
          version: term?.version,
          startDate: term?.startDate ?? `${year + 1}-01-01`,
          endDate: term?.endDate ?? `${year + 3}-12-31`,
          scope: "series",
          members: members.map((m) => ({ poolMemberId: m.poolMemberId, position: m.position, panelLeader: m.panelLeader })),
        }}
      />
    </Card>
  );
}

/** Names, positions and titles of a term's members (no ID numbers). */
export function MemberTable({ members }: { members: { userId: string; name: string; positionLabel: string; title: string | null; levelLabel: string; workUnit: string | null }[] }) {
  return (
    <table className="w-full text-sm" data-testid="term-members">
      <thead className="text-left text-slate-500">
        <tr>
          <th className="py-1">姓名</th>
          <th>职务</th>
          <th>资格名称</th>
          <th>级别</th>
          <th>工作单位</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.userId} className="border-t border-slate-100">
            <td className="py-1">{m.name}</td>
            <td>{m.positionLabel}</td>
            <td>{m.title ?? "—"}</td>
            <td>{m.levelLabel}</td>
            <td>{m.workUnit ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
