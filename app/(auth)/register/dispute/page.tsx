import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { DisputeForm } from "./dispute-form";

export const metadata: Metadata = { title: "证件号码被占用申诉" };

/** Public: for someone who cannot register because their ID number is already registered (docs/domain.md §11). */
export default function DisputePage() {
  return (
    <Card title="证件号码被占用申诉">
      <p className="mb-4 text-sm text-slate-600">
        如果您的证件号码已被他人注册，请填写本人信息、上传证明材料（身份证件扫描件等，PDF、JPG 或 PNG，不超过10MB）并设置登录用户名和密码。申诉由证件所属地区的人社部门审核；审核期间您可用该用户名登录查看进度，申诉成立后证件号码将绑定到您的账号。
      </p>
      <DisputeForm />
    </Card>
  );
}
