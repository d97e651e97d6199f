import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "注册" };

export default function RegisterChoicePage() {
  return (
    <Card title="选择注册类型">
      <div className="grid gap-4 sm:grid-cols-2">
        <Link href="/register/person" className="rounded-lg border border-slate-200 p-5 hover:border-brand-600 hover:bg-brand-50">
          <p className="text-lg font-semibold text-brand-700">个人注册</p>
          <p className="mt-2 text-sm text-slate-600">专业技术人员办理职称申报、证书补录和证书查询。证件号码须与考试报名或职称申报时一致。</p>
        </Link>
        <Link href="/register/unit" className="rounded-lg border border-slate-200 p-5 hover:border-brand-600 hover:bg-brand-50">
          <p className="text-lg font-semibold text-brand-700">单位注册</p>
          <p className="mt-2 text-sm text-slate-600">用人单位凭统一社会信用代码注册，经所在地区人社部门或主管部门审核通过后使用。</p>
        </Link>
      </div>
    </Card>
  );
}
