"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { TITLE_LEVELS } from "@/db/schema/enums";
import type { OpenBatchOption } from "@/lib/declarations/queries";
import { createDraftSchema, type CreateDraft } from "@/lib/declarations/schemas";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { createDraftAction } from "../actions";

function levelsOf(b: OpenBatchOption | undefined) {
  if (!b) return [];
  const [a, z] = [TITLE_LEVELS.indexOf(b.levelFrom), TITLE_LEVELS.indexOf(b.levelTo)];
  return TITLE_LEVELS.filter((_, i) => i >= Math.min(a, z) && i <= Math.max(a, z));
}

/** 新建申报: the batch (open now, its committee's filing approved), 申报专业 and 申报级别. */
export function NewDeclarationForm({ batches }: { batches: OpenBatchOption[] }) {
  const router = useRouter();
  const { outcome, busy, run } = useActionRunner();
  const { register, handleSubmit, control, formState, setError } = useForm<CreateDraft>({
    resolver: zodResolver(createDraftSchema, undefined, { raw: true }),
    defaultValues: { batchId: batches[0].id, specialty: "", targetLevel: levelsOf(batches[0])[0] },
  });
  const batchId = useWatch({ control, name: "batchId" });
  const batch = batches.find((b) => b.id === batchId);
  const e = formState.errors;
  const onSubmit = handleSubmit((v) =>
    run(
      () => createDraftAction(v),
      (r) => {
        if (r.ok) router.push(`/person/declarations/${r.data.id}`);
        else for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof CreateDraft, { message: m });
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <Field label="申报批次（评委会）" htmlFor="n-batch" required error={e.batchId?.message}>
          <Select id="n-batch" {...register("batchId")}>
            {batches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="系列" htmlFor="n-series">
        <Input id="n-series" value={batch?.series ?? ""} readOnly disabled />
      </Field>
      <Field label="申报级别" htmlFor="n-level" required error={e.targetLevel?.message}>
        <Select id="n-level" {...register("targetLevel")}>
          {levelsOf(batch).map((l) => (
            <option key={l} value={l}>
              {TITLE_LEVEL_LABELS[l]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="sm:col-span-2">
        <Field
          label="申报专业"
          htmlFor="n-specialty"
          required
          error={e.specialty?.message}
          hint={batch ? (batch.scope === "series" ? `该评委会按系列评审：${batch.specialties}` : `该评委会评审专业：${batch.specialties}`) : undefined}
        >
          <Input id="n-specialty" {...register("specialty")} aria-invalid={!!e.specialty} />
        </Field>
      </div>
      <div className="space-y-2 sm:col-span-2">
        <Button type="submit" disabled={busy}>
          创建申报草稿
        </Button>
        <OutcomeNotice outcome={outcome} />
      </div>
    </form>
  );
}
