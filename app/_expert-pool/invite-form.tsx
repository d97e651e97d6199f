"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { inviteExpertSchema, type InviteExpertInput } from "@/lib/experts/schemas";
import { ID_TYPE_LABELS, TITLE_LEVEL_LABELS, TITLE_LEVELS } from "@/lib/roster/constants";
import { SERIES_NAMES } from "@/lib/roster/title-codes";
import { ID_TYPES } from "@/lib/validation/id-number";
import { inviteExpertAction } from "./actions";

const EMPTY: InviteExpertInput = {
  name: "",
  idType: "resident",
  idNumber: "",
  phone: "",
  series: "高校教师",
  specialty: "",
  title: "",
  level: "senior_full",
  workUnit: "",
};

/** 邀请专家: the shared zod schema checks here and again in the action. */
export function InviteExpertForm() {
  const { outcome, busy, run } = useActionRunner();
  const { register, handleSubmit, formState, setError, reset } = useForm<InviteExpertInput>({
    resolver: zodResolver(inviteExpertSchema, undefined, { raw: true }),
    mode: "onBlur",
    defaultValues: EMPTY,
  });
  const e = formState.errors;
  const onSubmit = handleSubmit((values) =>
    run(
      () => inviteExpertAction(values),
      (r) => {
        if (r.ok) reset(EMPTY);
        else for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof InviteExpertInput, { message: m });
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3" noValidate>
      <Field label="姓名" htmlFor="inv-name" required error={e.name?.message}>
        <Input id="inv-name" {...register("name")} aria-invalid={!!e.name} />
      </Field>
      <Field label="证件类型" htmlFor="inv-idType" required error={e.idType?.message}>
        <Select id="inv-idType" {...register("idType")}>
          {ID_TYPES.map((t) => (
            <option key={t} value={t}>
              {ID_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="证件号码" htmlFor="inv-idNumber" required error={e.idNumber?.message}>
        <Input id="inv-idNumber" {...register("idNumber")} aria-invalid={!!e.idNumber} autoComplete="off" />
      </Field>
      <Field label="手机号码" htmlFor="inv-phone" required error={e.phone?.message}>
        <Input id="inv-phone" {...register("phone")} aria-invalid={!!e.phone} inputMode="numeric" />
      </Field>
      <Field label="系列" htmlFor="inv-series" required error={e.series?.message}>
        <Select id="inv-series" {...register("series")}>
          {SERIES_NAMES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </Select>
      </Field>
      <Field label="专业" htmlFor="inv-specialty" required error={e.specialty?.message}>
        <Input id="inv-specialty" {...register("specialty")} aria-invalid={!!e.specialty} />
      </Field>
      <Field label="资格名称" htmlFor="inv-title" required error={e.title?.message} hint="如：教授">
        <Input id="inv-title" {...register("title")} aria-invalid={!!e.title} />
      </Field>
      <Field label="级别" htmlFor="inv-level" required error={e.level?.message}>
        <Select id="inv-level" {...register("level")}>
          {TITLE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {TITLE_LEVEL_LABELS[l]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="工作单位" htmlFor="inv-workUnit" required error={e.workUnit?.message}>
        <Input id="inv-workUnit" {...register("workUnit")} aria-invalid={!!e.workUnit} />
      </Field>
      <div className="sm:col-span-3 space-y-2">
        <Button type="submit" disabled={busy}>
          发出邀请
        </Button>
        <OutcomeNotice outcome={outcome} />
      </div>
    </form>
  );
}
