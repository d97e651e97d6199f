"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { CONFLICT_KIND_LABELS, CONFLICT_KINDS, CONFLICT_RELATION_LABELS, CONFLICT_RELATIONS } from "@/lib/experts/constants";
import { addConflictSchema, type AddConflictInput } from "@/lib/experts/schemas";
import { ID_TYPE_LABELS } from "@/lib/roster/constants";
import { ID_TYPES } from "@/lib/validation/id-number";
import { addConflictAction, removeConflictAction } from "../actions";

const EMPTY: AddConflictInput = {
  kind: "unit",
  unitName: "",
  unitCreditCode: "",
  personName: "",
  personIdType: "resident",
  personIdNumber: "",
  relation: "same_unit",
  endDate: "",
};

export function ConflictForm() {
  const { outcome, busy, run } = useActionRunner();
  const { register, handleSubmit, formState, setError, reset, control } = useForm<AddConflictInput>({
    resolver: zodResolver(addConflictSchema, undefined, { raw: true }),
    mode: "onBlur",
    defaultValues: EMPTY,
  });
  const e = formState.errors;
  const kind = useWatch({ control, name: "kind" });
  const onSubmit = handleSubmit((v) =>
    run(
      () => addConflictAction(v),
      (r) => {
        if (r.ok) reset({ ...EMPTY, kind: v.kind });
        else for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof AddConflictInput, { message: m });
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3" noValidate>
      <Field label="回避对象类型" htmlFor="c-kind" required>
        <Select id="c-kind" {...register("kind")}>
          {CONFLICT_KINDS.map((k) => (
            <option key={k} value={k}>
              {CONFLICT_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
      </Field>
      {kind === "unit" ? (
        <>
          <Field label="单位名称" htmlFor="c-unitName" required error={e.unitName?.message}>
            <Input id="c-unitName" {...register("unitName")} aria-invalid={!!e.unitName} />
          </Field>
          <Field label="统一社会信用代码" htmlFor="c-unitCreditCode" error={e.unitCreditCode?.message}>
            <Input id="c-unitCreditCode" {...register("unitCreditCode")} aria-invalid={!!e.unitCreditCode} />
          </Field>
        </>
      ) : (
        <>
          <Field label="姓名" htmlFor="c-personName" required error={e.personName?.message}>
            <Input id="c-personName" {...register("personName")} aria-invalid={!!e.personName} />
          </Field>
          <Field label="证件类型" htmlFor="c-personIdType" required>
            <Select id="c-personIdType" {...register("personIdType")}>
              {ID_TYPES.map((t) => (
                <option key={t} value={t}>
                  {ID_TYPE_LABELS[t]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="证件号码" htmlFor="c-personIdNumber" required error={e.personIdNumber?.message}>
            <Input id="c-personIdNumber" {...register("personIdNumber")} aria-invalid={!!e.personIdNumber} autoComplete="off" />
          </Field>
        </>
      )}
      <Field label="关系" htmlFor="c-relation" required error={e.relation?.message}>
        <Select id="c-relation" {...register("relation")}>
          {CONFLICT_RELATIONS.map((r) => (
            <option key={r} value={r}>
              {CONFLICT_RELATION_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="截止日期" htmlFor="c-endDate" error={e.endDate?.message} hint="不填为长期有效">
        <Input id="c-endDate" type="date" {...register("endDate")} aria-invalid={!!e.endDate} />
      </Field>
      <div className="space-y-2 sm:col-span-3">
        <Button type="submit" disabled={busy}>
          添加
        </Button>
        <OutcomeNotice outcome={outcome} />
      </div>
    </form>
  );
}

export function RemoveConflictButton({ conflictId }: { conflictId: string }) {
  const { outcome, busy, run } = useActionRunner();
  return (
    <div>
      <Button size="sm" variant="secondary" disabled={busy} onClick={() => window.confirm("确定删除该回避声明？") && run(() => removeConflictAction({ conflictId }))}>
        删除
      </Button>
      {outcome && !outcome.ok && <OutcomeNotice outcome={outcome} />}
    </div>
  );
}
