import Link from "next/link";
import { notFound } from "next/navigation";
import { type CommitteeArea, requireCommitteePage } from "@/app/_area/committee-page";
import { Badge, Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { auditBase, writeAudit } from "@/lib/audit";
import { currentRequestIp } from "@/lib/auth/session";
import type { OwnedCommittee } from "@/lib/roster/access";
import {
  GENDER_LABELS,
  ID_TYPE_LABELS,
  OBTAIN_METHOD_LABELS,
  ROSTER_STATUS_INFO,
  TITLE_LEVEL_LABELS,
  TITLE_LEVEL_RANK,
  TITLE_LEVELS,
  type Gender,
  type TitleLevel,
} from "@/lib/roster/constants";
import { getRosterRecordForEdit } from "@/lib/roster/queries";
import type { RosterRecordFieldsInput } from "@/lib/roster/schemas";
import { RosterRecordForm } from "./record-form";

function committeeLevels(c: OwnedCommittee): TitleLevel[] {
  return TITLE_LEVELS.filter((l) => TITLE_LEVEL_RANK[l] >= TITLE_LEVEL_RANK[c.levelFrom] && TITLE_LEVEL_RANK[l] <= TITLE_LEVEL_RANK[c.levelTo]);
}

export async function RosterNewRecordPage({ area, committeeId }: { area: CommitteeArea; committeeId: string }) {
  const { committee, rosterPath } = await requireCommitteePage(area, committeeId);
  return (
    <Card title={`手工录入 · ${committee.name}`}>
      <RosterRecordForm committeeId={committee.id} series={committee.series} levels={committeeLevels(committee)} listPath={rosterPath} />
    </Card>
  );
}

/** A draft opens in the form; a published record is shown read-only with its ID masked. */
export async function RosterRecordPage({ area, committeeId, recordId }: { area: CommitteeArea; committeeId: string; recordId: string }) {
  const { user, committee, rosterPath: listPath } = await requireCommitteePage(area, committeeId);
  const found = await getRosterRecordForEdit(await getDb(), user, committee.id, recordId);
  if (!found) notFound();
  const r = found.record;
  const status = ROSTER_STATUS_INFO[r.status];

  if (r.status === "draft") {
    // The form holds the full ID number: reading it is audited like a photo view (docs/domain.md §12).
    await writeAudit(await getDb(), {
      ...auditBase(user, "roster.record.view_id_number", await currentRequestIp()),
      targetType: "roster_record",
      targetId: r.id,
      outcome: "success",
    });
    return (
      <Card title={`修改草稿 · 证书编号 ${r.certNo}`} actions={<Badge tone={status.tone}>{status.label}</Badge>}>
        <RosterRecordForm
          committeeId={committee.id}
          series={committee.series}
          levels={committeeLevels(committee)}
          listPath={listPath}
          record={{
            id: r.id,
            version: r.version,
            values: {
              name: r.name,
              gender: r.gender as Gender,
              birthDate: r.birthDate,
              idType: r.idType,
              idNumber: r.idNumber,
              nationality: r.nationality ?? "",
              workUnit: r.workUnit,
              series: r.series as RosterRecordFieldsInput["series"],
              specialty: r.specialty,
              qualificationName: r.qualificationName,
              level: r.level,
              obtainMethod: r.obtainMethod,
              passDate: r.passDate,
              approvalNo: r.approvalNo,
              issuingAuthority: r.issuingAuthority,
              issueDate: r.issueDate,
            },
          }}
        />
      </Card>
    );
  }

  const rows: [string, string][] = [
    ["证书编号", r.certNo],
    ["姓名", r.name],
    ["性别", GENDER_LABELS[r.gender as Gender] ?? r.gender],
    ["出生日期", r.birthDate],
    ["证件类型", ID_TYPE_LABELS[r.idType]],
    ["证件号码", r.idNumberMasked],
    ["国籍", r.nationality ?? ""],
    ["工作单位", r.workUnit],
    ["系列", r.series],
    ["专业", r.specialty],
    ["资格名称", r.qualificationName],
    ["级别", TITLE_LEVEL_LABELS[r.level]],
    ["取得方式", OBTAIN_METHOD_LABELS[r.obtainMethod]],
    ["评审通过时间", r.passDate],
    ["评委会", committee.name],
    ["批准文号", r.approvalNo],
    ["发证机关", r.issuingAuthority],
    ["发证日期", r.issueDate],
  ];
  return (
    <Card title={`名册记录 · ${r.name}`} actions={<Badge tone={status.tone}>{status.label}</Badge>}>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-medium">{v}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-slate-500">已发布的记录不能在此修改。</p>
      <Link href={listPath} className="mt-4 inline-block text-sm text-brand-700 hover:underline">
        返回名册
      </Link>
    </Card>
  );
}
