"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { opinionSchema, summarySchema, type OpinionInput } from "@/lib/review-rounds/schemas";
import { submitOpinionAction, writeSummaryAction } from "../../../actions";

/**
 * 评议意见 (a member) or 评议组意见 (the 组长): text and 建议通过 / 不建议通过 (the two schemas have the same
 * shape, each with its own labels).
 */
export function OpinionForm({ roundId, candidateId, kind, initial }: { roundId: string; candidateId: string; kind: "opinion" | "summary"; initial?: { text: string; recommend: boolean } }) {
  const { outcome, busy, run } = useActionRunner();
  const { register, handleSubmit, formState, setError, control } = useForm<OpinionInput>({
    resolver: zodResolver(kind === "opinion" ? opinionSchema : summarySchema),
    defaultValues: { roundId, candidateId, text: initial?.text ?? "", recommend: initial?.recommend },
  });
  const e = formState.errors;
  const id = kind === "opinion" ? "op" : "sum";
  const action = kind === "opinion" ? submitOpinionAction : writeSummaryAction;
  const onSubmit = handleSubmit((v) =>
    run(
      () => action(v),
      (r) => {
        if (!r.ok) for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof OpinionInput, { message: m });
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label={kind === "opinion" ? "评议意见" : "评议组意见"}>
      <Field label={kind === "opinion" ? "评议意见" : "评议组意见"} htmlFor={`${id}-text`} required error={e.text?.message}>
        <textarea id={`${id}-text`} rows={4} className={inputClass} {...register("text")} aria-invalid={!!e.text} />
      </Field>
      <Controller
        control={control}
        name="recommend"
        render={({ field }) => (
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">
              <span aria-hidden className="mr-0.5 text-red-600">
                *
              </span>
              结论
            </legend>
            <div className="flex gap-4 text-sm">
              <label className="flex items-center gap-1 max-sm:gap-2 max-sm:py-2">
                <input type="radio" className="max-sm:h-5 max-sm:w-5" name={`${id}-recommend`} checked={field.value === true} onChange={() => field.onChange(true)} />
                建议通过
              </label>
              <label className="flex items-center gap-1 max-sm:gap-2 max-sm:py-2">
                <input type="radio" className="max-sm:h-5 max-sm:w-5" name={`${id}-recommend`} checked={field.value === false} onChange={() => field.onChange(false)} />
                不建议通过
              </label>
            </div>
            {e.recommend && <p className="text-sm text-red-600">{e.recommend.message}</p>}
          </fieldset>
        )}
      />
      <Button type="submit" size="sm" disabled={busy}>
        {initial ? "修改并提交" : "提交"}
      </Button>
      <OutcomeNotice outcome={outcome} />
    </form>
  );
}
