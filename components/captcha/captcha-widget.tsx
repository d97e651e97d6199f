"use client";

import "altcha/altcha.css";
import type {} from "altcha/types/react";
import { useEffect, useRef, useState } from "react";

/** Chinese strings for the widget (its own zh-cn text is machine-like and links to altcha.org). */
const ZH_STRINGS: Record<string, string> = {
  ariaLinkLabel: "人机验证",
  cancel: "取消",
  enterCode: "输入验证码",
  enterCodeAria: "输入您听到的验证码，按空格键播放语音。",
  enterCodeFromImage: "请输入下图中显示的验证码后继续。",
  error: "验证失败，请重试",
  expired: "验证已过期，请重新验证",
  footer: "",
  getAudioChallenge: "获取语音验证码",
  label: "我不是机器人",
  loading: "加载中…",
  reload: "重新验证",
  verificationRequired: "请先完成人机验证",
  verified: "验证通过",
  verify: "验证",
  verifying: "正在验证…",
  waitAlert: "正在验证，请稍候…",
};

/** Where the widget fetches a challenge (app/api/captcha/route.ts). */
export const CAPTCHA_CHALLENGE_URL = "/api/captcha";

let setupDone: Promise<void> | null = null;

/**
 * Loads the widget (the "external" build: no styles or workers inlined, so nothing needs an inline
 * script, eval or a blob: URL) and registers its proof-of-work worker, bundled as a same-origin file.
 */
function setupAltcha(): Promise<void> {
  setupDone ??= import("altcha/external").then(() => {
    const g = globalThis.$altcha;
    g.i18n.set("zh-cn", ZH_STRINGS);
    g.algorithms.set("PBKDF2/SHA-256", () => new Worker(new URL("./pbkdf2-worker.ts", import.meta.url)));
  });
  return setupDone;
}

type Props = {
  /** Receives the solution (base64) once verified, "" when it is cleared or expires. */
  onChange: (payload: string) => void;
  /** Change it to ask for a fresh challenge (each solution is single-use). */
  resetKey?: number;
  error?: string;
};

/**
 * The captcha of the public certificate query and of registration (docs/domain.md §9): an ALTCHA
 * proof-of-work checkbox. The browser solves the challenge in a Web Worker in about a second; the
 * server (lib/captcha/pow.ts) checks it once and burns it.
 */
export function CaptchaWidget({ onChange, resetKey = 0, error }: Props) {
  const ref = useRef<HTMLElement & { reset?: () => void }>(null);
  const [ready, setReady] = useState(false);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let cancelled = false;
    void setupAltcha().then(() => {
      if (!cancelled) setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!ready || !el) return;
    const listener = (e: Event) => {
      const detail = (e as CustomEvent<{ state: string; payload?: string }>).detail;
      onChangeRef.current(detail.state === "verified" && detail.payload ? detail.payload : "");
    };
    el.addEventListener("statechange", listener);
    return () => el.removeEventListener("statechange", listener);
  }, [ready]);

  useEffect(() => {
    if (resetKey === 0) return;
    ref.current?.reset?.();
    onChangeRef.current("");
  }, [resetKey]);

  return (
    <div className="space-y-1" data-testid="captcha">
      <span className="block text-sm font-medium text-slate-700">人机验证</span>
      {ready ? (
        <altcha-widget
          ref={ref}
          challenge={CAPTCHA_CHALLENGE_URL}
          language="zh-cn"
          auto="onfocus"
          configuration={JSON.stringify({ hideFooter: true, minDuration: 300 })}
        />
      ) : (
        <p className="text-sm text-slate-500">正在加载人机验证…</p>
      )}
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
