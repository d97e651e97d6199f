import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmTallyButton } from "@/app/_review-rounds/confirm-tally-button";
import { orNotFound } from "@/app/_review-rounds/page-guard";
import { RoundStateBadge } from "@/app/_review-rounds/round-badge";
import { TallyTable } from "@/app/_review-rounds/tally-table";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { isUuid } from "@/lib/roster/access";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { visibleCandidatesForExpert } from "@/lib/review-rounds/queries";
import { computeTally } from "@/lib/review-rounds/tally";
import { confirmTallyScrutineerAction } from "../actions";
import { PLEDGE_ITEMS, PLEDGE_TITLE } from "../pledge-text";
import { CheckInForm, PledgeForm } from "./member-forms";

/**
 * One round for a member: the 承诺书 first; then the candidates I may see (my panel's during the review,
 * all but those I am blocked from during the ballot — never saying who is left out or why), 签到, the
 * ballot sheet, and as 监票人 the confirmation of the counts once the ballot is closed.
 */
export default async function Page({ params }: { params: Promise<{ roundId: string }> }) {
  const user = await requireRolePage(["expert"]);
  const { roundId } = await params;
  if (!isUuid(roundId)) notFound();
  const db = await getDb();
  const { round, candidates } = await orNotFound(visibleCandidatesForExpert(db, user, roundId));
  const base = `/expert/rounds/${round.id}`;
  const tally = round.state === "closed" && round.presentAtBallot ? await computeTally(db, user, round.id).catch(() => null) : null;
  const myConfirmation = tally?.confirmations.find((c) => c.userId === user.id && c.current);

  if (!round.pledgeSigned) {
    return (
      <Card title={`${round.name} · ${PLEDGE_TITLE}`}>
        <p className="mb-3 text-sm text-slate-600">查看评审材料前，请阅读并签署评审专家纪律承诺书。</p>
        <ol className="mb-4 list-decimal space-y-2 pl-5 text-sm leading-relaxed text-slate-800" data-testid="pledge-text">
          {PLEDGE_ITEMS.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
        <PledgeForm roundId={round.id} />
      </Card>
    );
  }

  const reviewing = round.state === "distributed" || round.state === "panel_review";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link className="text-brand-700 hover:underline" href="/expert/rounds">
          ← 返回线上评审
        </Link>
      </p>
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            {round.name} <RoundStateBadge state={round.state} />
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            {round.state === "ballot_open" && round.presentAtBallot && (
              <Link className={buttonClass("primary", "sm")} href={`${base}/ballot`}>
                填写表决票
              </Link>
            )}
            <Link className={buttonClass("secondary", "sm")} href={`${base}/board`}>
              投票回执公示
            </Link>
          </div>
        }
      >
        <div className="space-y-3 text-sm">
          {reviewing &&
            (round.present ? (
              <p>
                <Badge tone="green">已签到</Badge>
              </p>
            ) : (
              <div>
                <p className="mb-2 text-slate-600">参加评审会议请签到（须输入登录密码）。</p>
                <CheckInForm roundId={round.id} />
              </div>
            ))}
          {round.state === "ballot_open" && !round.presentAtBallot && <Notice tone="warning">您未出席本次会议（投票开启时未签到），不能参加投票。</Notice>}
          {round.state === "draft" && <p className="text-slate-500">评审材料尚未分发。</p>}
        </div>
      </Card>

      {tally && (
        <Card title="统票结果（监票人确认）">
          <TallyTable tally={tally} />
          <div className="mt-3">
            {myConfirmation ? (
              <p className="text-sm text-green-700">您已作为监票人确认统票结果。</p>
            ) : (
              <ConfirmTallyButton roundId={round.id} digest={tally.digest} label="作为监票人确认统票结果" action={confirmTallyScrutineerAction} />
            )}
          </div>
        </Card>
      )}

      {round.state !== "draft" && (
        <Card title={round.state === "ballot_open" ? "本次表决的申报人" : "本组评审的申报人"}>
          {candidates.length === 0 ? (
            <p className="text-sm text-slate-500">暂无需要评审的申报人。</p>
          ) : (
            <div className="scroll-shadow-x">
              <table className="min-w-full text-sm" data-testid="expert-candidates">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
                    <th>序号</th>
                    <th>姓名</th>
                    <th>单位</th>
                    <th>申报专业与级别</th>
                    <th>评议组</th>
                    <th>我的意见</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates.map((c) => (
                    <tr key={c.candidateId} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
                      <td>{c.position}</td>
                      <td className="whitespace-nowrap">
                        <Link className="text-brand-700 hover:underline" href={`${base}/candidates/${c.candidateId}`}>
                          {c.personName}
                        </Link>
                      </td>
                      <td className="min-w-40">{c.unitName ?? "—"}</td>
                      <td className="min-w-36">
                        {c.series}·{c.specialty}
                        <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[c.targetLevel]}</span>
                      </td>
                      <td className="whitespace-nowrap">{c.panelName ?? "—"}</td>
                      <td className="whitespace-nowrap">
                        {!c.onMyPanel ? (
                          <span className="text-slate-500">—</span>
                        ) : c.myOpinion ? (
                          <Badge tone={c.myOpinion.recommend ? "green" : "red"}>{c.myOpinion.recommend ? "建议通过" : "不建议通过"}</Badge>
                        ) : (
                          <Badge tone="amber">未提交</Badge>
                        )}
                        {c.onMyPanel && c.hasSummary && <span className="ml-1 text-xs text-slate-500">组长意见已填</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
