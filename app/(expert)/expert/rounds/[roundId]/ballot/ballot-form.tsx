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
      {/* A list rather than a table: on a phone the three choices stay beside each name, not off-screen. */}
      <ol className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid="ballot-sheet">
        {rows.map((r) => (
          <li key={r.candidateId} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 px-3 py-2.5" data-testid="ballot-row">
            <div className="min-w-0">
              <span className="mr-2 text-slate-500">{r.position}.</span>
              <span className="font-medium text-slate-800">{r.personName}</span>
              <span className="ml-2 text-slate-600">{r.specialty}</span>
              <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.targetLevel]}</span>
              <span className="ml-2 text-xs text-slate-500">评议组意见：{r.summaryRecommend === null ? "—" : r.summaryRecommend ? "建议通过" : "不建议通过"}</span>
            </div>
            <fieldset className="flex gap-4" aria-label={`对 ${r.personName} 的表决`}>
              {BALLOT_CHOICES.map((c) => (
                <label key={c} className="flex items-center gap-1 whitespace-nowrap max-sm:gap-2 max-sm:py-2">
                  <input type="radio" className="max-sm:h-5 max-sm:w-5" name={`choice-${r.candidateId}`} checked={choices[r.candidateId] === c} onChange={() => setChoices((s) => ({ ...s, [r.candidateId]: c }))} />
                  {BALLOT_CHOICE_LABELS[c]}
                </label>
              ))}
            </fieldset>
          </li>
        ))}
      </ol>
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
