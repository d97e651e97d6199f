"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/accounts/schemas";
import { PASSWORD_POLICY } from "@/lib/auth/password-policy";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const { register, handleSubmit, formState, setError } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { oldPassword: "", newPassword: "", confirmPassword: "" },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit((values) =>
    start(async () => {
      const r = await changePasswordAction(values);
      if (r && !r.ok) {
        setMessage(r.message);
        for (const [k, v] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof ChangePasswordInput, { message: v });
      }
    }),
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message && <Notice tone="error">{message}</Notice>}
      <Field label="原密码" htmlFor="oldPassword" error={e.oldPassword?.message} required>
        <Input id="oldPassword" type="password" autoComplete="current-password" {...register("oldPassword")} />
      </Field>
      <Field label="新密码" htmlFor="newPassword" error={e.newPassword?.message} hint={PASSWORD_POLICY} required>
        <Input id="newPassword" type="password" autoComplete="new-password" {...register("newPassword")} />
      </Field>
      <Field label="确认新密码" htmlFor="confirmPassword" error={e.confirmPassword?.message} required>
        <Input id="confirmPassword" type="password" autoComplete="new-password" {...register("confirmPassword")} />
      </Field>
      <p className="text-xs text-slate-500">修改成功后，所有已登录的设备都将退出，请使用新密码重新登录。</p>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "正在提交…" : "确认修改"}
      </Button>
    </form>
  );
}
