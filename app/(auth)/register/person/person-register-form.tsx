"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useCallback, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { CaptchaWidget } from "@/components/captcha/captcha-widget";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { DISPUTE_LINK_TEXT, DISPUTE_PATH, DUPLICATE_ID_MESSAGE, personRegistrationRequestSchema, type PersonRegistrationRequest } from "@/lib/accounts/schemas";
import { PASSWORD_POLICY } from "@/lib/auth/password-policy";
import { ID_TYPE_LABELS, ID_TYPES, validateIdDocument } from "@/lib/validation/id-number";
import { registerPersonAction } from "../actions";

export function PersonRegisterForm() {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [captchaReset, setCaptchaReset] = useState(0);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, setValue, control } = useForm<PersonRegistrationRequest>({
    resolver: zodResolver(personRegistrationRequestSchema),
    mode: "onBlur",
    defaultValues: { name: "", idType: "resident", idNumber: "", nationality: "", phone: "", password: "", confirmPassword: "", consent: false, captcha: "" },
  });
  const errors = formState.errors;
  const submitted = formState.isSubmitted;
  const onCaptcha = useCallback((payload: string) => setValue("captcha", payload, { shouldValidate: submitted && payload !== "" }), [setValue, submitted]);
  const idType = useWatch({ control, name: "idType" });
  const idNumber = useWatch({ control, name: "idNumber" });
  const derived = idNumber ? validateIdDocument(idType, idNumber) : null;

  const onSubmit = handleSubmit((values) => {
    setResult(null);
    startTransition(async () => {
      const r = await registerPersonAction(values);
      if (!r.ok) {
        // The solution is burnt whatever the outcome: fetch a new challenge.
        setCaptchaReset((n) => n + 1);
        for (const [field, msg] of Object.entries(r.fieldErrors ?? {})) {
          setError(field as keyof PersonRegistrationRequest, { message: msg });
        }
      }
      setResult({ ok: r.ok, message: r.ok ? (r.message ?? "注册成功") : r.message });
    });
  });

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
      {result && !result.ok && (
        <Notice tone="error">
          {result.message}
          {result.message === DUPLICATE_ID_MESSAGE && (
            <>
              {" "}
              <Link href={DISPUTE_PATH} className="font-medium underline">
                {DISPUTE_LINK_TEXT}
              </Link>
            </>
          )}
        </Notice>
      )}
      <Field label="姓名" htmlFor="name" error={errors.name?.message} required>
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
      <Field
        label="证件号码"
        htmlFor="idNumber"
        error={errors.idNumber?.message}
        required
        hint={derived?.ok && derived.birthDate ? `出生日期 ${derived.birthDate}，性别 ${derived.gender === "male" ? "男" : "女"}` : "将自动去除空格并转换全角字符、小写x"}
      >
        <Input id="idNumber" autoComplete="off" aria-invalid={!!errors.idNumber} {...register("idNumber")} />
      </Field>
      {idType === "passport" && (
        <Field label="国籍" htmlFor="nationality" error={errors.nationality?.message} required>
          <Input id="nationality" {...register("nationality")} />
        </Field>
      )}
      <Field label="手机号码" htmlFor="phone" error={errors.phone?.message} required>
        <Input id="phone" type="tel" autoComplete="tel" aria-invalid={!!errors.phone} {...register("phone")} />
      </Field>
      <Field label="密码" htmlFor="password" error={errors.password?.message} hint={`密码要求：${PASSWORD_POLICY}`} required>
        <Input id="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} {...register("password")} />
      </Field>
      <Field label="确认密码" htmlFor="confirmPassword" error={errors.confirmPassword?.message} required>
        <Input id="confirmPassword" type="password" autoComplete="new-password" aria-invalid={!!errors.confirmPassword} {...register("confirmPassword")} />
      </Field>
      <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-xs leading-relaxed text-slate-600">
        <p className="font-medium text-slate-700">敏感个人信息处理告知</p>
        <p className="mt-1">
          为办理职称申报、证书补录与证书查询，本平台需处理您的证件号码、证件照片等敏感个人信息，仅用于职称业务经办与证书核验，
          按政务数据管理规定存储和保护，不向无关第三方提供。
        </p>
        <label className="mt-2 flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" id="consent" className="mt-0.5" {...register("consent")} />
          <span>我已阅读并单独同意上述敏感个人信息的处理</span>
        </label>
        {errors.consent && <p className="mt-1 text-sm text-red-600">{errors.consent.message}</p>}
      </div>
      <CaptchaWidget onChange={onCaptcha} resetKey={captchaReset} error={errors.captcha?.message} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "正在提交…" : "注册"}
      </Button>
    </form>
  );
}
