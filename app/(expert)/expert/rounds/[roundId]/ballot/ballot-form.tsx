"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { BALLOT_CHOICES, type BallotChoice, type TitleLevel } from "@/db/schema/enums";
import { BALLOT_CHOICE_LABELS } from "@/lib/review-rounds/constants";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { castSheetAction } from "../../actions";

export type SheetRow = { candidateId: string; position: number; personName: string; specialty: string; targetLevel: TitleLevel; summaryRecommend: boolean | null };

/**
 * 表决票: one choice per candidate, then the password; submitted once for all. Nothing is preselected:
 * every choice is the voter's own.
 */
export function BallotForm({ roundId, rows }: { roundId: string; rows: SheetRow[] }) {
  const { outcome, busy, run } = useActionRunner();
  const [choices, setChoices] = useState<Record<string, BallotChoice>>({});
  const [password, setPassword] = useState("");
  const [asking, setAsking] = useState(false);
  const missing = rows.filter((r) => !choices[r.candidateId]).length;
  const count = (c: BallotChoice) => rows.filter((r) => choices[r.candidateId] === c).length;
  const submit = () =>
    run(
      () => castSheetAction({ roundId, password, choices: rows.map((r) => ({ candidateId: r.candidateId, choice: choices[r.candidateId] })) }),
      (r) => {
        setPassword("");
        if (r.ok) setAsking(false);
      },
    );
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="ballot-sheet">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
              <th>序号</th>
              <th>申报人</th>
              <th>申报专业与级别</th>
              <th>评议组意见</th>
              <th>表决</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.candidateId} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2" data-testid="ballot-row">
                <td>{r.position}</td>
                <td className="whitespace-nowrap">{r.personName}</td>
                <td className="min-w-36">
                  {r.specialty}
                  <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.targetLevel]}</span>
                </td>
                <td className="whitespace-nowrap">{r.summaryRecommend === null ? "—" : r.summaryRecommend ? "建议通过" : "不建议通过"}</td>
                <td>
                  <fieldset className="flex gap-3" aria-label={`对 ${r.personName} 的表决`}>
                    {BALLOT_CHOICES.map((c) => (
                      <label key={c} className="flex items-center gap-1 whitespace-nowrap">
                        <input type="radio" name={`choice-${r.candidateId}`} checked={choices[r.candidateId] === c} onChange={() => setChoices((s) => ({ ...s, [r.candidateId]: c }))} />
                        {BALLOT_CHOICE_LABELS[c]}
                      </label>
                    ))}
                  </fieldset>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-600">
        同意 {count("yes")}，不同意 {count("no")}，弃权 {count("abstain")}
        {missing > 0 && <span className="ml-2 text-amber-700">尚有 {missing} 人未表决</span>}
      </p>
      {!asking && (
        <Button disabled={busy || missing > 0} onClick={() => setAsking(true)}>
          提交表决票
        </Button>
      )}
      {asking && (
        <ConfirmBox question={`表决票一经提交不能修改。共 ${rows.length} 人：同意 ${count("yes")}，不同意 ${count("no")}，弃权 ${count("abstain")}。请输入登录密码确认。`} confirmLabel="确认提交" busy={busy} onCancel={() => setAsking(false)} onConfirm={submit}>
          <label className="mt-2 block" htmlFor="ballot-password">
            <span className="text-amber-900">登录密码</span>
            <input id="ballot-password" type="password" autoComplete="current-password" className={`${inputClass} mt-1 max-w-xs`} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        </ConfirmBox>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
