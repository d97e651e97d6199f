import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "贵州省人事人才公共服务平台 · 职称评审与证书服务", template: "%s · 贵州省人事人才公共服务平台" },
  description: "贵州省职称评审、职称证书补录与查询服务",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
