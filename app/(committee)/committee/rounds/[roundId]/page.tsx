import { RoundHeader, RoundProgress } from "@/app/_review-rounds/round-progress";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { TERM_POSITION_LABELS } from "@/lib/terms/rules";
import { ConsoleTabs } from "../console-tabs";
import { loadChairConsole } from "../console-page";
import { MemberSelectForm } from "./member-select-form";

const SIGNED = ["signed", "publicity", "confirmed"];

/** The 主任's console, step 1: the round, its progress, and the members selected from the term. */
export default async function Page({ params }: { params: Promise<{ roundId: string }> }) {
  const { data } = await loadChairConsole((await params).roundId);
  const { detail, members, termMembers } = data;
  const r = detail.round;
  return (
    <div className="space-y-6">
      <ConsoleTabs roundId={r.id} current="overview" />
      <RoundHeader
        detail={detail}
        actions={
          SIGNED.includes(r.state) ? (
            <a className={buttonClass("primary", "sm")} href={`/api/review-rounds/${r.id}/minutes`}>
              下载会议纪要（PDF）
            </a>
          ) : undefined
        }
      />
      <RoundProgress detail={detail} />
      {r.state === "draft" ? (
        <Card title="选定参会委员（本届委员）">
          <MemberSelectForm roundId={r.id} version={r.version} members={termMembers.map((m) => ({ termMemberId: m.termMemberId, name: m.name, position: m.position, selected: m.selected }))} />
        </Card>
      ) : (
        <Card title={`参会委员（${members.filter((m) => m.seated).length}人）`}>
          <MemberList members={members} />
        </Card>
      )}
    </div>
  );
}

function MemberList({ members }: { members: Awaited<ReturnType<typeof loadChairConsole>>["data"]["members"] }) {
  return (
    <div className="scroll-shadow-x">
      <table className="min-w-full text-sm" data-testid="round-members">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
            <th>姓名</th>
            <th>职务</th>
            <th>职称</th>
            <th>工作单位</th>
            <th>承诺书</th>
            <th>出席</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
              <td className="whitespace-nowrap">
                {m.name}
                {m.isLeader && <span className="ml-1"><Badge tone="blue">组长</Badge></span>}
              </td>
              <td className="whitespace-nowrap">{TERM_POSITION_LABELS[m.position]}</td>
              <td className="whitespace-nowrap">{m.title ?? "—"}</td>
              <td className="min-w-40">{m.workUnit ?? "—"}</td>
              <td>{m.seated ? (m.pledgeSigned ? <Badge tone="green">已签署</Badge> : <Badge tone="slate">未签署</Badge>) : <Badge tone="amber">不参加（在途申报）</Badge>}</td>
              <td>{m.present ? <Badge tone="green">出席</Badge> : <span className="text-slate-500">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
