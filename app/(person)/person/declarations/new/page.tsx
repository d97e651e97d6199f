import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listOpenBatches } from "@/lib/declarations/queries";
import { todayInChina } from "@/lib/filings/constants";
import { personIntegrityBar } from "@/lib/integrity/queries";
import { IntegrityBarNotice } from "../integrity-notice";
import { NewDeclarationForm } from "./new-form";

export const metadata: Metadata = { title: "新建申报" };

export default async function NewDeclarationPage() {
  const user = await requireRolePage(["person"]);
  const db = await getDb();
  const [batches, bar] = await Promise.all([listOpenBatches(db, todayInChina()), personIntegrityBar(db, user.id)]);
  return (
    <Card title="新建申报">
      {bar ? (
        <IntegrityBarNotice bar={bar} />
      ) : batches.length === 0 ? (
        <p className="text-sm text-slate-500">目前没有开放的申报批次。</p>
      ) : (
        <NewDeclarationForm batches={batches} />
      )}
    </Card>
  );
}
