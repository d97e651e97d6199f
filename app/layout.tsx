import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "贵州省人事人才公共服务平台 · 职称评审与证书服务", template: "%s · 贵州省人事人才公共服务平台" },
  description: "贵州省职称评审、职称证书补录与查询服务",
};

// Every page renders per request: each HTML response carries the nonce of its own
// Content-Security-Policy (proxy.ts, lib/http/csp.ts), which Next reads from the request and puts on
// its scripts. A page prerendered at build time would carry no nonce and its scripts would be refused.
// A script of our own (next/script) takes the nonce from the `x-nonce` request header.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
