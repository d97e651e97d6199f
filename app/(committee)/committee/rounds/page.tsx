import { RoundsTable, STAFF_ROUND_COLUMNS } from "@/app/_review-rounds/rounds-table";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listRoundsForChair } from "@/lib/review-rounds/queries";

/** The rounds of the 主任's committee term. A 组长's grant lists none here: panel work is in the expert area. */
export default async function Page() {
  const user = await requireRolePage(["committee_member"]);
  const rows = await listRoundsForChair(await getDb(), user);
  return (
    <Card title="评审会议">
      {rows.length === 0 ? (
        <Notice>当前身份没有可主持的评审会议。评议组组长请在“专家工作台 · 线上评审”中填写评议组意见。</Notice>
      ) : (
        <RoundsTable testId="chair-rounds" rows={rows} href={(id) => `/committee/rounds/${id}`} columns={STAFF_ROUND_COLUMNS} />
      )}
    </Card>
  );
}
