import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_review-rounds/page-guard";
import { Badge, Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { isUuid } from "@/lib/roster/access";
import { getCandidateMaterials } from "@/lib/review-rounds/candidate-materials";
import { loadRound } from "@/lib/review-rounds/access";
import { listOpinionsForExpert, OWN_OPINION_FIRST } from "@/lib/review-rounds/review";
import { MaterialsView } from "./materials-view";
import { OpinionForm } from "./opinion-form";

const fmt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
const Verdict = ({ recommend }: { recommend: boolean }) => <Badge tone={recommend ? "green" : "red"}>{recommend ? "建议通过" : "不建议通过"}</Badge>;

/**
 * One candidate for a member: the materials, my opinion, the others' only after mine, and the 组长's
 * summary. A member blocked from the candidate — or anyone not entitled — gets 404 from the same checks
 * the attachment route uses (assertMaterialsAccess → assertNotBlocked).
 */
export default async function Page({ params }: { params: Promise<{ roundId: string; candidateId: string }> }) {
  const user = await requireRolePage(["expert"]);
  const { roundId, candidateId } = await params;
  if (!isUuid(roundId) || !isUuid(candidateId)) notFound();
  const db = await getDb();
  const materials = await orNotFound(getCandidateMaterials(db, user, roundId, candidateId));
  const [views, round] = await Promise.all([orNotFound(listOpinionsForExpert(db, user, roundId, candidateId)), loadRound(db, roundId)]);
  // During the review only my panel's candidates open (the lib refuses the others), so reviewing = on my panel.
  const reviewing = round.state === "panel_review";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link className="text-brand-700 hover:underline" href={`/expert/rounds/${roundId}`}>
          ← 返回申报人列表
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <MaterialsView m={materials} />
        <div className="space-y-4">
          <Card title="我的评议意见">
            {views.mine && !reviewing && (
              <div className="space-y-1 text-sm">
                <Verdict recommend={views.mine.recommend} />
                <p className="whitespace-pre-wrap text-slate-800">{views.mine.text}</p>
              </div>
            )}
            {reviewing && <OpinionForm roundId={roundId} candidateId={candidateId} kind="opinion" initial={views.mine ? { text: views.mine.text, recommend: views.mine.recommend } : undefined} />}
            {!reviewing && !views.mine && <p className="text-sm text-slate-500">{round.state === "distributed" ? "评议开始后可提交意见。" : "—"}</p>}
          </Card>
          <Card title="其他专家的意见">
            {views.others === null ? (
              <Notice>{OWN_OPINION_FIRST}</Notice>
            ) : views.others.length === 0 ? (
              <p className="text-sm text-slate-500">其他专家尚未提交意见。</p>
            ) : (
              <ul className="space-y-3 text-sm" data-testid="other-opinions">
                {views.others.map((o) => (
                  <li key={o.userId} className="rounded border border-slate-200 p-2">
                    <p className="flex items-center justify-between gap-2">
                      <span className="font-medium">{o.name}</span>
                      <Verdict recommend={o.recommend} />
                    </p>
                    <p className="mt-1 whitespace-pre-wrap text-slate-700">{o.text}</p>
                    <p className="mt-1 text-xs text-slate-500">{fmt(o.submittedAt)}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="评议组意见">
            {views.summary && (
              <div className="mb-3 space-y-1 text-sm" data-testid="panel-summary">
                <Verdict recommend={views.summary.recommend} />
                <p className="whitespace-pre-wrap text-slate-800">{views.summary.text}</p>
              </div>
            )}
            {views.isLeader && reviewing ? (
              views.mine ? (
                <OpinionForm roundId={roundId} candidateId={candidateId} kind="summary" initial={views.summary ? { text: views.summary.text, recommend: views.summary.recommend } : undefined} />
              ) : (
                <p className="text-sm text-slate-500">提交本人意见后填写评议组意见。</p>
              )
            ) : (
              !views.summary && <p className="text-sm text-slate-500">组长尚未填写评议组意见。</p>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
