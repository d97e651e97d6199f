"use client";

import { useCallback, useState, useTransition } from "react";
import { useForm, type FieldErrors, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { CaptchaWidget } from "@/components/captcha/captcha-widget";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { holderQuerySchema, NO_MATCH_MESSAGE, publicQuerySchema } from "@/lib/query/schemas";
import type { PublicQueryResponse } from "@/lib/query/public-endpoint";
import { VerifierResult } from "./verifier-result";

type Values = { name: string; idNumber: string; certNo: string; captcha: string };
type Props =
  | { mode: "public" }
  | { mode: "holder"; action: (values: Values) => Promise<PublicQueryResponse> };

/** The shared zod schema as the form's resolver; "_form" (fewer than two facts) becomes the root error. */
function resolverFor(schema: z.ZodType): Resolver<Values> {
  return (values) => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return { values, errors: {} };
    const errors: FieldErrors<Values> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "_form");
      if (key === "_form") errors.root ??= { type: "validate", message: issue.message } as FieldErrors<Values>["root"];
      else errors[key as keyof Values] ??= { type: "validate", message: issue.message };
    }
    return { values: {}, errors };
  };
}

/**
 * 证书查询: any two of 姓名 / 证件号码 / 证书编号. Public mode posts to /api/certificates/query with
 * the captcha's solution (a new challenge after every attempt: each is single-use); holder mode calls
 * a server action.
 */
export function CertificateQueryForm(props: Props) {
  const isPublic = props.mode === "public";
  const [captchaReset, setCaptchaReset] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [results, setResults] = useState<PublicQueryResponse | null>(null);
  const [pending, start] = useTransition();
  const { register, handleSubmit, formState, setError, setValue } = useForm<Values>({
    resolver: resolverFor(isPublic ? publicQuerySchema : holderQuerySchema),
    defaultValues: { name: "", idNumber: "", certNo: "", captcha: "" },
  });
  const e = formState.errors;
  const submitted = formState.isSubmitted;
  const onCaptcha = useCallback((payload: string) => setValue("captcha", payload, { shouldValidate: submitted && payload !== "" }), [setValue, submitted]);

  const onSubmit = handleSubmit((values) =>
    start(async () => {
      setMessage(null);
      let body: PublicQueryResponse;
      if (props.mode === "public") {
        const res = await fetch("/api/certificates/query", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(values),
        });
        body = (await res.json()) as PublicQueryResponse;
        setCaptchaReset((n) => n + 1);
      } else {
        body = await props.action(values);
      }
      if (body.ok) {
        setResults(body);
        return;
      }
      setResults(null);
      setMessage(body.message);
      for (const [k, v] of Object.entries(body.fieldErrors ?? {})) {
        if (k !== "_form") setError(k as keyof Values, { message: v });
      }
    }),
  );

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="证书查询">
        <p className="text-sm text-slate-600">填写姓名、证件号码、证书编号中的任意两项即可查询。</p>
        {e.root?.message && <Notice tone="error">{e.root.message}</Notice>}
        {message && <Notice tone="error">{message}</Notice>}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="姓名" htmlFor="q-name" error={e.name?.message}>
            <Input id="q-name" autoComplete="off" {...register("name")} aria-invalid={!!e.name} />
          </Field>
          <Field label="证件号码" htmlFor="q-idNumber" error={e.idNumber?.message}>
            <Input id="q-idNumber" autoComplete="off" {...register("idNumber")} aria-invalid={!!e.idNumber} />
          </Field>
          <Field label="证书编号" htmlFor="q-certNo" error={e.certNo?.message}>
            <Input id="q-certNo" autoComplete="off" {...register("certNo")} aria-invalid={!!e.certNo} />
          </Field>
        </div>
        {isPublic && <CaptchaWidget onChange={onCaptcha} resetKey={captchaReset} error={e.captcha?.message} />}
        <Button type="submit" disabled={pending}>
          {pending ? "正在查询…" : "查询"}
        </Button>
      </form>
      {results?.ok && (
        <section aria-label="查询结果" className="space-y-3" data-testid="query-results">
          {results.results.length === 0 ? (
            <Notice tone="warning">{NO_MATCH_MESSAGE}</Notice>
          ) : (
            results.results.map((c) => <VerifierResult key={`${c.certNo}-${c.version}`} c={c} />)
          )}
        </section>
      )}
    </div>
  );
}
