"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { createRoundSchema, type CreateRound } from "@/lib/review-rounds/schemas";
import { createRoundAction } from "./actions";

export type TermOption = { id: string; label: string };

/** 新建评审会议: the term, the meeting's name and date; the server checks the filing on that date. */
export function CreateRoundForm({ terms, base, today }: { terms: TermOption[]; base: string; today: string }) {
  const router = useRouter();
  const { outcome, busy, run } = useActionRunner();
  const { register, handleSubmit, formState, setError } = useForm<CreateRound>({
    resolver: zodResolver(createRoundSchema),
    defaultValues: { termId: terms[0]?.id ?? "", name: "", meetingDate: today },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit((v) =>
    run(
      () => createRoundAction(v),
      (r) => {
        if (r.ok) router.push(`${base}/${r.data.roundId}`);
        else for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof CreateRound, { message: m });
      },
    ),
  );
  if (terms.length === 0) return <p className="text-sm text-slate-500">本单位暂无已备案的评委会届次，备案通过后方可组织评审会议。</p>;
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3" noValidate aria-label="新建评审会议">
      <Field label="评委会（届）" htmlFor="r-term" required error={e.termId?.message}>
        <Select id="r-term" {...register("termId")}>
          {terms.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="会议名称" htmlFor="r-name" required error={e.name?.message}>
        <Input id="r-name" placeholder="例如：2026年度高级职称评审会议" {...register("name")} aria-invalid={!!e.name} />
      </Field>
      <Field label="会议日期" htmlFor="r-date" required error={e.meetingDate?.message} hint="须在评审权备案有效期内">
        <Input id="r-date" type="date" {...register("meetingDate")} aria-invalid={!!e.meetingDate} />
      </Field>
      <div className="space-y-2 sm:col-span-3">
        <Button type="submit" disabled={busy}>
          新建评审会议
        </Button>
        <OutcomeNotice outcome={outcome && !outcome.ok ? outcome : null} />
      </div>
    </form>
  );
}
