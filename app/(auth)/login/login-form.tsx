"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { loginSchema, type LoginInput } from "@/lib/accounts/schemas";
import { loginAction } from "../actions";

export function LoginForm() {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState } = useForm<LoginInput>({
    resolver: zodResolver(loginSchema),
    defaultValues: { identifier: "", password: "" },
  });
  const onSubmit = handleSubmit((values) => {
    setMessage(null);
    startTransition(async () => {
      const result = await loginAction(values);
      if (result && !result.ok) setMessage(result.message);
    });
  });
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message && <Notice tone="error">{message}</Notice>}
      <Field label="用户名或证件号码" htmlFor="identifier" error={formState.errors.identifier?.message} required>
        <Input id="identifier" autoComplete="username" aria-invalid={!!formState.errors.identifier} {...register("identifier")} />
      </Field>
      <Field label="密码" htmlFor="password" error={formState.errors.password?.message} required>
        <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!formState.errors.password} {...register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "正在登录…" : "登录"}
      </Button>
      <p className="text-xs text-slate-500">连续5次输入错误密码，账号将被锁定30分钟。无操作30分钟后自动退出登录。</p>
    </form>
  );
}
