import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listOpenBatches } from "@/lib/declarations/queries";
import { todayInChina } from "@/lib/filings/constants";
import { NewDeclarationForm } from "./new-form";

export const metadata: Metadata = { title: "新建申报" };

export default async function NewDeclarationPage() {
  await requireRolePage(["person"]);
  const batches = await listOpenBatches(await getDb(), todayInChina());
  return (
    <Card title="新建申报">
      {batches.length === 0 ? <p className="text-sm text-slate-500">目前没有开放的申报批次。</p> : <NewDeclarationForm batches={batches} />}
    </Card>
  );
}
