"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { createBatchSchema } from "@/lib/declarations/schemas";
import { createBatchAction } from "./actions";

/** 新建申报批次: committee, year, open and close dates (validated by the schema the action uses). */
export function BatchForm({ committees, year }: { committees: { id: string; label: string }[]; year: number }) {
  const { outcome, busy, run } = useActionRunner();
  const form = useForm({
    resolver: zodResolver(createBatchSchema, undefined, { raw: true }),
    defaultValues: { committeeId: committees[0]?.id ?? "", year, name: "", opensOn: "", closesOn: "" },
  });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit((v) =>
    run(
      () => createBatchAction(v),
      (r) => {
        if (r.ok) form.reset({ ...v, name: "", opensOn: "", closesOn: "" });
        else for (const [k, m] of Object.entries(r.fieldErrors ?? {})) form.setError(k as keyof typeof v, { message: m });
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="新建申报批次">
      <Field label="评委会" htmlFor="bt-committee" required error={e.committeeId?.message}>
        <Select id="bt-committee" {...form.register("committeeId")}>
          {committees.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="年度" htmlFor="bt-year" required error={e.year?.message} hint="每个评委会每年一个申报批次；任职年限计算至该年12月31日">
        <Select id="bt-year" {...form.register("year", { valueAsNumber: true })}>
          {[year - 1, year, year + 1].map((y) => (
            <option key={y} value={y}>
              {y}年
            </option>
          ))}
        </Select>
      </Field>
      <Field label="开始日期" htmlFor="bt-opens" required error={e.opensOn?.message}>
        <Input id="bt-opens" type="date" {...form.register("opensOn")} aria-invalid={!!e.opensOn} />
      </Field>
      <Field label="截止日期" htmlFor="bt-closes" required error={e.closesOn?.message}>
        <Input id="bt-closes" type="date" {...form.register("closesOn")} aria-invalid={!!e.closesOn} />
      </Field>
      <div className="sm:col-span-2">
        <Field label="批次名称" htmlFor="bt-name" error={e.name?.message} hint="不填则为“YYYY年度＋评委会名称＋职称申报”">
          <Input id="bt-name" {...form.register("name")} />
        </Field>
      </div>
      <div className="space-y-2 sm:col-span-2">
        <Button type="submit" disabled={busy || committees.length === 0}>
          {busy ? "正在保存…" : "开放申报批次"}
        </Button>
        <OutcomeNotice outcome={outcome} />
      </div>
    </form>
  );
}
