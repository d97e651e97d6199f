import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireRolePage } from "@/lib/auth/session";
import { assertPoolOrg } from "@/lib/experts/access";
import { PoolImportPanel } from "./import-panel";
import { InviteExpertForm } from "./invite-form";
import { POOL_AREAS_BY_KEY, type PoolArea } from "./pool-areas";

/** 邀请专家 one by one, or import a workbook of invitations. */
export async function ExpertInvitePage({ area }: { area: PoolArea }) {
  const { role, base } = POOL_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  assertPoolOrg(user);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={base} className="text-brand-700 underline">
          ← 返回专家库
        </Link>
      </p>
      <Card title="邀请专家">
        <p className="mb-4 text-sm text-slate-600">专家本人以相同的证件类型、证件号码和姓名登录（或注册）后，在首页“专家库邀请”中接受，即成为本库专家。</p>
        <InviteExpertForm />
      </Card>
      <Card title="批量导入">
        <PoolImportPanel />
      </Card>
    </div>
  );
}
