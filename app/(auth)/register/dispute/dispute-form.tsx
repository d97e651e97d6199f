"use client";

import { useState } from "react";
import { CaptchaWidget } from "@/components/captcha/captcha-widget";
import { Button } from "@/components/ui/button";
import { ID_TYPE_LABELS, ID_TYPES } from "@/lib/validation/id-number";

type Reply = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

const FIELDS: [string, string, string][] = [
  ["name", "姓名（与证件一致）", "text"],
  ["idNumber", "证件号码", "text"],
  ["nationality", "国籍（持护照必填）", "text"],
  ["phone", "手机号码", "tel"],
  ["username", "登录用户名", "text"],
  ["password", "密码", "password"],
  ["confirmPassword", "确认密码", "password"],
];

/** The filing form: posts multipart to /api/disputes (the proof file travels with the fields). */
export function DisputeForm() {
  const [captcha, setCaptcha] = useState("");
  const [captchaReset, setCaptchaReset] = useState(0);
  const [reply, setReply] = useState<Reply | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    const form = new FormData(e.currentTarget);
    form.set("consent", form.get("consent") === "on" ? "true" : "false");
    form.set("captcha", captcha);
    const res = await fetch("/api/disputes", { method: "POST", body: form });
    setReply((await res.json()) as Reply);
    setBusy(false);
    // Each solution is single-use: ask for a fresh challenge after every attempt.
    setCaptcha("");
    setCaptchaReset((n) => n + 1);
  }

  if (reply?.ok) {
    return (
      <p role="status" className="rounded bg-green-50 p-4 text-green-800">
        {reply.message} <a href="/login" className="underline">去登录</a>
      </p>
    );
  }
  const err = (k: string) => reply?.fieldErrors?.[k] && <p className="text-xs text-red-600">{reply.fieldErrors[k]}</p>;
  return (
    <form onSubmit={submit} className="max-w-lg space-y-3" noValidate>
      <label className="block text-sm">
        证件类型
        <select name="idType" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5">
          {ID_TYPES.map((t) => (
            <option key={t} value={t}>
              {ID_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      {FIELDS.map(([k, label, type]) => (
        <label key={k} className="block text-sm">
          {label}
          <input name={k} type={type} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5" />
          {err(k)}
        </label>
      ))}
      <label className="block text-sm">
        情况说明
        <textarea name="statement" rows={4} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5" />
        {err("statement")}
      </label>
      <label className="block text-sm">
        证明材料（PDF、JPG 或 PNG，不超过10MB）
        <input name="proof" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" className="mt-1 block w-full text-sm" />
        {err("proof")}
      </label>
      <CaptchaWidget onChange={setCaptcha} resetKey={captchaReset} error={reply?.fieldErrors?.captcha} />
      <label className="flex items-center gap-2 text-sm">
        <input name="consent" type="checkbox" /> 我已阅读并同意敏感个人信息处理告知（证件号码和证明材料仅用于本次申诉审核）
      </label>
      {err("consent")}
      {reply && !reply.ok && (
        <p role="alert" className="text-sm text-red-600">
          {reply.message}
        </p>
      )}
      <Button type="submit" disabled={busy}>
        提交申诉
      </Button>
    </form>
  );
}
