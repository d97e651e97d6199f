"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { expertProfileSchema, type ExpertProfileInput } from "@/lib/experts/schemas";
import { TITLE_LEVEL_LABELS, TITLE_LEVELS } from "@/lib/roster/constants";
import { SERIES_NAMES } from "@/lib/roster/title-codes";
import { saveExpertProfileAction } from "../actions";

export function ProfileForm({ values }: { values: ExpertProfileInput }) {
  const { outcome, busy, run } = useActionRunner();
  const { register, handleSubmit, formState, setError } = useForm<ExpertProfileInput>({
    resolver: zodResolver(expertProfileSchema, undefined, { raw: true }),
    mode: "onBlur",
    defaultValues: values,
  });
  const e = formState.errors;
  const onSubmit = handleSubmit((v) =>
    run(
      () => saveExpertProfileAction(v),
      (r) => {
        if (!r.ok) for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof ExpertProfileInput, { message: m });
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      <Field label="资格名称" htmlFor="p-title" required error={e.title?.message} hint="如：教授">
        <Input id="p-title" {...register("title")} aria-invalid={!!e.title} />
      </Field>
      <Field label="级别" htmlFor="p-level" required error={e.level?.message}>
        <Select id="p-level" {...register("level")}>
          {TITLE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {TITLE_LEVEL_LABELS[l]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="系列" htmlFor="p-series" required error={e.series?.message}>
        <Select id="p-series" {...register("series")}>
          {SERIES_NAMES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </Select>
      </Field>
      <Field label="专业" htmlFor="p-specialty" required error={e.specialty?.message}>
        <Input id="p-specialty" {...register("specialty")} aria-invalid={!!e.specialty} />
      </Field>
      <Field label="工作单位" htmlFor="p-workUnit" required error={e.workUnit?.message}>
        <Input id="p-workUnit" {...register("workUnit")} aria-invalid={!!e.workUnit} />
      </Field>
      <Field label="二级单位（院系/科室）" htmlFor="p-department" error={e.department?.message} hint="同一单位内评审时按二级单位回避">
        <Input id="p-department" {...register("department")} aria-invalid={!!e.department} />
      </Field>
      <Field label="手机号码" htmlFor="p-phone" required error={e.phone?.message}>
        <Input id="p-phone" {...register("phone")} aria-invalid={!!e.phone} inputMode="numeric" />
      </Field>
      <Field label="电子邮箱" htmlFor="p-email" error={e.email?.message}>
        <Input id="p-email" type="email" {...register("email")} aria-invalid={!!e.email} />
      </Field>
      <div className="space-y-2 sm:col-span-2">
        <Button type="submit" disabled={busy}>
          保存
        </Button>
        <OutcomeNotice outcome={outcome} />
      </div>
    </form>
  );
}
