"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { CaptchaWidget } from "@/components/captcha/captcha-widget";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { unitRegistrationRequestSchema, type UnitRegistrationRequest } from "@/lib/accounts/schemas";
import { PASSWORD_POLICY } from "@/lib/auth/password-policy";
import type { OrgOption } from "@/lib/orgs/queries";
import { registerUnitAction } from "../actions";

export function UnitRegisterForm({ regions, depts }: { regions: OrgOption[]; depts: OrgOption[] }) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [captchaReset, setCaptchaReset] = useState(0);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError, setValue } = useForm<UnitRegistrationRequest>({
    resolver: zodResolver(unitRegistrationRequestSchema),
    mode: "onBlur",
    defaultValues: { creditCode: "", name: "", regionOrgId: "", supervisorId: "", contactName: "", contactPhone: "", username: "", password: "", confirmPassword: "", captcha: "" },
  });
  const errors = formState.errors;
  const submitted = formState.isSubmitted;
  const onCaptcha = useCallback((payload: string) => setValue("captcha", payload, { shouldValidate: submitted && payload !== "" }), [setValue, submitted]);
  const onSubmit = handleSubmit((values) => {
    setResult(null);
    startTransition(async () => {
      const r = await registerUnitAction(values);
      if (!r.ok) {
        // The solution is burnt whatever the outcome: fetch a new challenge.
        setCaptchaReset((n) => n + 1);
        for (const [field, msg] of Object.entries(r.fieldErrors ?? {})) setError(field as keyof UnitRegistrationRequest, { message: msg });
      }
      setResult({ ok: r.ok, message: r.ok ? (r.message ?? "已提交") : r.message });
    });
  });

  if (result?.ok) return <Notice tone="success">{result.message}</Notice>;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {result && <Notice tone="error">{result.message}</Notice>}
      <Field label="统一社会信用代码" htmlFor="creditCode" error={errors.creditCode?.message} required hint="18位，见营业执照或事业单位法人证书">
        <Input id="creditCode" aria-invalid={!!errors.creditCode} {...register("creditCode")} />
      </Field>
      <Field label="单位名称" htmlFor="name" error={errors.name?.message} required>
        <Input id="name" aria-invalid={!!errors.name} {...register("name")} />
      </Field>
      <Field label="所在地区人社部门" htmlFor="regionOrgId" error={errors.regionOrgId?.message} required>
        <Select id="regionOrgId" aria-invalid={!!errors.regionOrgId} {...register("regionOrgId")}>
          <option value="">请选择</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="主管部门" htmlFor="supervisorId" error={errors.supervisorId?.message} required>
        <Select id="supervisorId" aria-invalid={!!errors.supervisorId} {...register("supervisorId")}>
          <option value="">请选择</option>
          {depts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="联系人" htmlFor="contactName" error={errors.contactName?.message} required>
          <Input id="contactName" {...register("contactName")} />
        </Field>
        <Field label="联系电话" htmlFor="contactPhone" error={errors.contactPhone?.message} required>
          <Input id="contactPhone" type="tel" {...register("contactPhone")} />
        </Field>
      </div>
      <Field label="登录用户名" htmlFor="username" error={errors.username?.message} required hint="4–32位字母、数字或下划线，以字母开头">
        <Input id="username" autoComplete="username" {...register("username")} />
      </Field>
      <Field label="密码" htmlFor="password" error={errors.password?.message} required hint={`密码要求：${PASSWORD_POLICY}`}>
        <Input id="password" type="password" autoComplete="new-password" {...register("password")} />
      </Field>
      <Field label="确认密码" htmlFor="confirmPassword" error={errors.confirmPassword?.message} required>
        <Input id="confirmPassword" type="password" autoComplete="new-password" {...register("confirmPassword")} />
      </Field>
      <CaptchaWidget onChange={onCaptcha} resetKey={captchaReset} error={errors.captcha?.message} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "正在提交…" : "提交注册申请"}
      </Button>
    </form>
  );
}
