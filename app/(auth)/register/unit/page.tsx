import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listDeptOptions, listRegionOptions } from "@/lib/orgs/queries";
import { UnitRegisterForm } from "./unit-register-form";

export const metadata: Metadata = { title: "单位注册" };
export const dynamic = "force-dynamic";

export default async function UnitRegisterPage() {
  const db = await getDb();
  const [regions, depts] = await Promise.all([listRegionOptions(db), listDeptOptions(db)]);
  return (
    <Card title="单位注册">
      <p className="mb-4 text-sm text-slate-600">单位注册后需经所在地区人社部门或主管部门审核，审核通过后方可登录办理业务。</p>
      <UnitRegisterForm regions={regions} depts={depts} />
    </Card>
  );
}
