import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PersonRegisterForm } from "./person-register-form";

export const metadata: Metadata = { title: "个人注册" };

export default function PersonRegisterPage() {
  return (
    <Card title="个人注册">
      <p className="mb-4 text-sm text-slate-600">注册时证件号码需要跟考试报名或职称申报时提供的证件号码一致，否则将无法查看您的证书信息。</p>
      <PersonRegisterForm />
    </Card>
  );
}
