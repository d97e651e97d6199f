"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useCallback, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { CaptchaWidget } from "@/components/captcha/captcha-widget";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { PASSWORD_POLICY } from "@/lib/auth/password-policy";
import { disputeFilingSchema, type DisputeFilingInput } from "@/lib/disputes/schemas";
import { ID_TYPE_LABELS, ID_TYPES } from "@/lib/validation/id-number";

type Reply = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

const textarea =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-red-500";

/**
 * The filing form, laid out like the registration forms (shared Field/Input, errors under each field,
 * the same zod schema as the server). It posts multipart to /api/disputes because the proof file
 * travels with the fields; the file itself is recognised by content on the server.
 */
export function DisputeForm() {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [proofError, setProofError] = useState<string>();
  const [captchaReset, setCaptchaReset] = useState(0);
  const [pending, startTransition] = useTransition();
  const [proof, setProof] = useState<File | null>(null);
  const { register, handleSubmit, formState, setError, setValue, control } = useForm<DisputeFilingInput>({
    resolver: zodResolver(disputeFilingSchema),
    mode: "onBlur",
    defaultValues: { name: "", idType: "resident", idNumber: "", nationality: "", phone: "", username: "", password: "", confirmPassword: "", statement: "", consent: false, captcha: "" },
  });
  const errors = formState.errors;
  const submitted = formState.isSubmitted;
  const onCaptcha = useCallback((payload: string) => setValue("captcha", payload, { shouldValidate: submitted && payload !== "" }), [setValue, submitted]);
  const idType = useWatch({ control, name: "idType" });

  const checkProof = (file = proof) => {
    const missing = !file ? "请上传证明材料" : undefined;
    setProofError(missing);
    return !missing;
  };

  const onSubmit = handleSubmit(
    (values) => {
      if (!proof || !checkProof()) return;
      setResult(null);
      startTransition(async () => {
        const form = new FormData();
        for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== "") form.set(k, String(v));
        form.set("proof", proof);
        const res = await fetch("/api/disputes", { method: "POST", body: form });
        const reply = (await res.json()) as Reply;
        if (!reply.ok) {
          // Each solution is single-use: ask for a fresh challenge after every attempt.
          setValue("captcha", "");
          setCaptchaReset((n) => n + 1);
          for (const [field, msg] of Object.entries(reply.fieldErrors ?? {})) {
            if (field === "proof") setProofError(msg);
            else setError(field as keyof DisputeFilingInput, { message: msg });
          }
        }
        setResult({ ok: reply.ok, message: reply.message });
      });
    },
    () => checkProof(),
  );

  if (result?.ok) {
    return (
      <div className="space-y-4">
        <Notice tone="success">{result.message}</Notice>
        <Link href="/login" className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          去登录
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {result && !result.ok && <Notice tone="error">{result.message}</Notice>}
      <Field label="姓名（与证件一致）" htmlFor="name" error={errors.name?.message} required>
        <Input id="name" autoComplete="name" aria-invalid={!!errors.name} {...register("name")} />
      </Field>
      <Field label="证件类型" htmlFor="idType" error={errors.idType?.message} required>
        <Select id="idType" {...register("idType")}>
          {ID_TYPES.map((t) => (
            <option key={t} value={t}>
              {ID_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="证件号码" htmlFor="idNumber" error={errors.idNumber?.message} hint="被他人注册占用的本人证件号码" required>
        <Input id="idNumber" autoComplete="off" aria-invalid={!!errors.idNumber} {...register("idNumber")} />
      </Field>
      {idType === "passport" && (
        <Field label="国籍" htmlFor="nationality" error={errors.nationality?.message} required>
          <Input id="nationality" aria-invalid={!!errors.nationality} {...register("nationality")} />
        </Field>
      )}
      <Field label="手机号码" htmlFor="phone" error={errors.phone?.message} required>
        <Input id="phone" type="tel" autoComplete="tel" aria-invalid={!!errors.phone} {...register("phone")} />
      </Field>
      <Field label="登录用户名" htmlFor="username" error={errors.username?.message} hint="审核期间用此用户名登录查看进度" required>
        <Input id="username" autoComplete="username" aria-invalid={!!errors.username} {...register("username")} />
      </Field>
      <Field label="密码" htmlFor="password" error={errors.password?.message} hint={`密码要求：${PASSWORD_POLICY}`} required>
        <Input id="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} {...register("password")} />
      </Field>
      <Field label="确认密码" htmlFor="confirmPassword" error={errors.confirmPassword?.message} required>
        <Input id="confirmPassword" type="password" autoComplete="new-password" aria-invalid={!!errors.confirmPassword} {...register("confirmPassword")} />
      </Field>
      <Field label="情况说明" htmlFor="statement" error={errors.statement?.message} hint="说明证件号码被占用的情况（10–1000字）" required>
        <textarea id="statement" rows={4} className={textarea} aria-invalid={!!errors.statement} {...register("statement")} />
      </Field>
      <Field label="证明材料" htmlFor="proof" error={proofError} hint="身份证件扫描件等，PDF、JPG 或 PNG，不超过10MB" required>
        <Input
          id="proof"
          name="proof"
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          aria-invalid={!!proofError}
          onChange={(e) => {
            const file = e.target.files?.[0] ?? null;
            setProof(file);
            if (submitted) checkProof(file);
          }}
        />
      </Field>
      <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-xs leading-relaxed text-slate-600">
        <p className="font-medium text-slate-700">敏感个人信息处理告知</p>
        <p className="mt-1">您提交的证件号码和证明材料仅用于本次申诉审核，由证件所属地区的人社部门查看，查看记录留存审计。</p>
        <label className="mt-2 flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" id="consent" className="mt-0.5" aria-invalid={!!errors.consent} {...register("consent")} />
          <span>我已阅读并单独同意上述敏感个人信息的处理</span>
        </label>
        {errors.consent && <p className="mt-1 text-sm text-red-600">{errors.consent.message}</p>}
      </div>
      <CaptchaWidget onChange={onCaptcha} resetKey={captchaReset} error={errors.captcha?.message} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "正在提交…" : "提交申诉"}
      </Button>
    </form>
  );
}
