import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { getExpertProfile } from "@/lib/experts/profile";
import type { ExpertProfileInput } from "@/lib/experts/schemas";
import { ProfileForm } from "./profile-form";

/** 个人信息维护: title, series, specialty, level, unit, department, contact; name and ID are the account's (read-only). */
export default async function ExpertProfilePage() {
  const user = await requireRolePage(["expert"]);
  const p = await getExpertProfile(await getDb(), user.id);
  if (!p) return null;
  const values: ExpertProfileInput = {
    title: p.title ?? "",
    series: (p.series ?? "高校教师") as ExpertProfileInput["series"],
    specialty: p.specialty ?? "",
    level: p.level ?? "senior_full",
    workUnit: p.workUnit ?? "",
    department: p.department ?? "",
    phone: p.phone,
    email: p.email ?? "",
  };
  return (
    <Card title="个人信息维护">
      <dl className="mb-4 grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">姓名</dt>
          <dd>{p.name}</dd>
        </div>
        <div>
          <dt className="text-slate-500">证件（不可修改）</dt>
          <dd data-testid="masked-id">{p.idLabel}</dd>
        </div>
      </dl>
      <ProfileForm values={values} />
    </Card>
  );
}
