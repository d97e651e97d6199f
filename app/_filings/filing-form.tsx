"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FILING_SCOPES } from "@/db/schema/enums";
import { saveFilingSchema } from "@/lib/filings/schemas";
import { FILING_SCOPE_LABELS } from "@/lib/terms/rules";
import { saveFilingAction, submitFilingAction } from "./actions";

type Input = z.input<typeof saveFilingSchema>;

/** 备案草稿: fields, the 评审办法 upload (raw PDF to the route), and 报送. */
export function FilingForm({ initial, listHref, detailBase }: { initial: Input; listHref: string; detailBase: string }) {
  const router = useRouter();
  const { outcome, setOutcome, busy, run } = useActionRunner();
  const [uploading, setUploading] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<Input>({ resolver: zodResolver(saveFilingSchema, undefined, { raw: true }), defaultValues: initial });
  const e = formState.errors;
  const onSubmit = handleSubmit((values) =>
    run(
      () => saveFilingAction(values),
      (r) => {
        if (r.ok && !initial.filingId) router.push(`${detailBase}/${r.data.filingId}`);
        else if (!r.ok) for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof Input, { message: m });
      },
    ),
  );
  async function upload(file: File) {
    if (!initial.filingId) return;
    setUploading(true);
    const res = await fetch(`/api/filings/${initial.filingId}/rules?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file, headers: { "content-type": "application/pdf" } });
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    setOutcome(res.ok ? { ok: true, text: "已上传评审办法" } : { ok: false, text: body.message ?? "上传失败，请重试" });
    setUploading(false);
    router.refresh();
  }
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field label="评审专业" htmlFor="f-specialties" required error={e.specialties?.message}>
          <Input id="f-specialties" {...register("specialties")} />
        </Field>
        <Field label="组建方式" htmlFor="f-scope" required error={e.scope?.message}>
          <Select id="f-scope" {...register("scope")}>
            {FILING_SCOPES.map((s) => (
              <option key={s} value={s}>
                {FILING_SCOPE_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="有效期起" htmlFor="f-from" required error={e.validFrom?.message}>
          <Input id="f-from" type="date" {...register("validFrom")} />
        </Field>
        <Field label="有效期止" htmlFor="f-to" required error={e.validTo?.message} hint="不超过3年">
          <Input id="f-to" type="date" {...register("validTo")} />
        </Field>
        <div className="sm:col-span-2">
          <Button type="submit" variant="secondary" disabled={busy}>
            保存草稿
          </Button>
        </div>
      </form>
      {initial.filingId && (
        <div className="flex flex-wrap items-center gap-4">
          <label className="text-sm">
            评审办法（PDF，≤10MB）：
            <input type="file" accept="application/pdf" disabled={uploading} onChange={(ev) => ev.target.files?.[0] && upload(ev.target.files[0])} />
          </label>
          <Button
            type="button"
            disabled={busy || uploading}
            onClick={() => run(() => submitFilingAction({ filingId: initial.filingId!, version: initial.version! }), (r) => r.ok && router.push(listHref))}
          >
            报送备案
          </Button>
        </div>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
