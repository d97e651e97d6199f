"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { FILING_SCOPES, TERM_POSITIONS, type TermPosition, type TitleLevel } from "@/db/schema/enums";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { checkTermMembers, FILING_SCOPE_LABELS, TERM_POSITION_LABELS, type TermCommittee } from "@/lib/terms/rules";
import { saveTermSchema } from "@/lib/terms/schemas";
import { saveTermAction } from "./actions";

type Input = z.input<typeof saveTermSchema>;
export type TermFormCandidate = { id: string; userId: string; name: string; title: string | null; series: string | null; specialty: string | null; level: TitleLevel | null; workUnit: string | null };

/**
 * 组建一届: choose members from the pool and their positions. The list's rules (lib/terms/rules.ts)
 * run here on every change, so the form says which rule the list breaks before it can be saved; the
 * action checks them again on the server.
 */
export function TermForm({ committee, candidates, initial, listHref }: { committee: TermCommittee & { id: string }; candidates: TermFormCandidate[]; initial: Input; listHref: string }) {
  const router = useRouter();
  const { outcome, busy, run } = useActionRunner();
  const { register, handleSubmit, formState, control, setValue, setError } = useForm<Input>({
    resolver: zodResolver(saveTermSchema, undefined, { raw: true }),
    defaultValues: initial,
  });
  const members = useWatch({ control, name: "members" });
  const scope = useWatch({ control, name: "scope" });
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const breaks = checkTermMembers(
    committee,
    scope,
    members.map((m) => {
      const c = byId.get(m.poolMemberId);
      return { userId: c?.userId ?? m.poolMemberId, name: c?.name ?? "?", series: c?.series ?? null, level: c?.level ?? null, position: m.position };
    }),
  );
  const positionOf = (id: string) => members.find((m) => m.poolMemberId === id)?.position ?? "";
  const setPosition = (id: string, position: TermPosition | "") => {
    const rest = members.filter((m) => m.poolMemberId !== id);
    setValue("members", position ? [...rest, { poolMemberId: id, position, panelLeader: members.find((m) => m.poolMemberId === id)?.panelLeader ?? false }] : rest);
  };
  const e = formState.errors;
  const onSubmit = handleSubmit((values) =>
    run(
      () => saveTermAction(values),
      (r) => {
        if (r.ok) router.push(listHref);
        else for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof Input, { message: m });
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="任期开始" htmlFor="term-start" required error={e.startDate?.message}>
          <Input id="term-start" type="date" {...register("startDate")} />
        </Field>
        <Field label="任期结束" htmlFor="term-end" required error={e.endDate?.message} hint="不超过3年">
          <Input id="term-end" type="date" {...register("endDate")} />
        </Field>
        <Field label="组建方式" htmlFor="term-scope" required error={e.scope?.message}>
          <Select id="term-scope" {...register("scope")}>
            {FILING_SCOPES.map((s) => (
              <option key={s} value={s}>
                {FILING_SCOPE_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div data-testid="term-rules">
        {breaks.length === 0 ? (
          <Notice tone="success">成员名单符合组建要求（{members.length}人）。</Notice>
        ) : (
          <Notice tone="warning">
            <ul className="list-disc pl-5">
              {breaks.map((b) => (
                <li key={b.rule}>{b.message}</li>
              ))}
            </ul>
          </Notice>
        )}
        {e.members?.message && <p className="mt-1 text-sm text-red-600">{e.members.message}</p>}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="py-1">姓名</th>
              <th>资格名称</th>
              <th>系列 / 专业</th>
              <th>级别</th>
              <th>工作单位</th>
              <th>职务</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <td className="py-1">{c.name}</td>
                <td>{c.title ?? "—"}</td>
                <td>
                  {c.series ?? "—"} / {c.specialty ?? "—"}
                </td>
                <td>{c.level ? TITLE_LEVEL_LABELS[c.level] : "—"}</td>
                <td>{c.workUnit ?? "—"}</td>
                <td>
                  <select
                    aria-label={`${c.name}的职务`}
                    value={positionOf(c.id)}
                    onChange={(ev) => setPosition(c.id, ev.target.value as TermPosition | "")}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                  >
                    <option value="">不列入</option>
                    {TERM_POSITIONS.map((p) => (
                      <option key={p} value={p}>
                        {TERM_POSITION_LABELS[p]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OutcomeNotice outcome={outcome} />
      <Button type="submit" disabled={busy || breaks.length > 0}>
        保存本届成员
      </Button>
    </form>
  );
}
