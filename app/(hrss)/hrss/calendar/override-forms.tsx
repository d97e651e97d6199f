"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { Field, Input, Select } from "@/components/ui/field";
import { WORKING_DAY_KINDS } from "@/db/schema/enums";
import { WORKING_DAY_KIND_LABELS } from "@/lib/calendar/constants";
import { addOverrideSchema, type AddOverrideInput } from "@/lib/calendar/schemas";
import { addWorkingDayOverrideAction, removeWorkingDayOverrideAction } from "./actions";

/** 添加调整: one day, its arrangement and the document it follows. */
export function AddOverrideForm({ defaultDate }: { defaultDate: string }) {
  const { outcome, busy, run } = useActionRunner();
  const { register, handleSubmit, formState, setError, reset } = useForm<AddOverrideInput>({
    resolver: zodResolver(addOverrideSchema),
    defaultValues: { date: defaultDate, kind: "holiday", note: "" },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit((values) =>
    run(
      () => addWorkingDayOverrideAction(values),
      (r) => {
        if (r.ok) reset({ date: values.date, kind: values.kind, note: values.note });
        else for (const [k, v] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof AddOverrideInput, { message: v });
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate data-testid="add-override">
      <OutcomeNotice outcome={outcome} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="日期" htmlFor="ov-date" error={e.date?.message} required>
          <Input id="ov-date" type="date" {...register("date")} />
        </Field>
        <Field label="该日安排" htmlFor="ov-kind" error={e.kind?.message} required>
          <Select id="ov-kind" {...register("kind")}>
            {WORKING_DAY_KINDS.map((k) => (
              <option key={k} value={k}>
                {WORKING_DAY_KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="依据说明" htmlFor="ov-note" error={e.note?.message} hint="如：国办发明电〔2026〕X号" required>
          <Input id="ov-note" {...register("note")} />
        </Field>
      </div>
      <Button type="submit" size="sm" disabled={busy}>
        {busy ? "正在保存…" : "添加调整"}
      </Button>
    </form>
  );
}

/** 删除 one row, after a confirmation. */
export function RemoveOverrideButton({ date }: { date: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-2">
      {!asking && (
        <Button variant="secondary" size="sm" disabled={busy} onClick={() => setAsking(true)} data-testid={`remove-${date}`}>
          删除
        </Button>
      )}
      {asking && (
        <ConfirmBox
          question={<p>删除后 {date} 恢复按节假日库计算。确认删除？</p>}
          confirmLabel="确认删除"
          danger
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => run(() => removeWorkingDayOverrideAction({ date }), () => setAsking(false))}
        />
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
