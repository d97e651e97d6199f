import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RecordTimeline } from "@/components/record-timeline";
import { Badge, Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { hasPhotoConsent, photoUploadBlockedReason } from "@/lib/backfill/person-photo";
import { getPersonRecord } from "@/lib/backfill/person-records";
import { personStatusInfo } from "@/lib/backfill/person-status";
import { needsPhotoForPassDate, NO_PHOTO_NEEDED_MESSAGE } from "@/lib/roster/photo-rule";
import { GENDER_LABELS, OBTAIN_METHOD_LABELS, TITLE_LEVEL_LABELS, type Gender } from "@/lib/roster/constants";
import { listRecordEvents } from "@/lib/roster/record-events";
import { PhotoSection } from "./photo-section";

export const metadata: Metadata = { title: "照片上传 · 职称证书补录" };

export default async function PersonBackfillRecordPage({ params }: { params: Promise<{ recordId: string }> }) {
  const user = await requireRolePage(["person"]);
  const { recordId } = await params;
  const db = await getDb();
  const r = await getPersonRecord(db, user.id, recordId);
  if (!r) notFound();
  const [events, consent] = await Promise.all([listRecordEvents(db, r.id), hasPhotoConsent(db, user.id)]);
  const status = personStatusInfo(r.status, r.passDate);
  const photoNeeded = needsPhotoForPassDate(r.passDate);

  const fields: [string, string][] = [
    ["姓名", `${r.name}（${GENDER_LABELS[r.gender as Gender] ?? r.gender}）`],
    ["证件", `${r.idTypeLabel} ${r.maskedIdNumber}`],
    ["工作单位", r.workUnit],
    ["评委会", r.committeeName],
    ["系列 / 专业", `${r.series} / ${r.specialty}`],
    ["资格名称", `${r.qualificationName}（${TITLE_LEVEL_LABELS[r.level]}）`],
    ["取得方式", OBTAIN_METHOD_LABELS[r.obtainMethod]],
    ["评审通过时间", r.passDate],
    ["批准文号", r.approvalNo],
    ["发证机关", r.issuingAuthority],
    ["发证日期", r.issueDate],
    ["证书编号", r.certNo],
  ];

  return (
    <div className="space-y-4">
      <Link href="/person/backfill" className="inline-block text-sm text-brand-700 hover:underline">
        ← 返回职称证书补录
      </Link>

      <Card title="证书信息" actions={<Badge tone={status.tone}>{status.label}</Badge>}>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm md:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
          {fields.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="break-words" data-testid={label === "证书编号" ? "record-cert-no" : undefined}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">
          {photoNeeded
            ? "如以上信息有误，请联系评委会组建单位更正；照片审核通过后信息将用于制作电子证书。"
            : "如以上信息有误，请联系评委会组建单位更正。2020年度之前取得的职称证书确认后仅提供信息查看，不制作电子证书。"}
        </p>
      </Card>

      <Card title="证件照片">
        {!photoNeeded ? (
          <Notice tone="info">{NO_PHOTO_NEEDED_MESSAGE}。</Notice>
        ) : (
        <PhotoSection
          recordId={r.id}
          version={r.version}
          status={r.status}
          blockedReason={photoUploadBlockedReason(r.status)}
          consentGiven={consent}
          photo={r.photo && { id: r.photo.id, status: r.photo.status }}
          rejection={r.rejection && { reason: r.rejection.reason }}
          certificate={{ name: r.name, qualification: r.qualificationName, certificateNo: r.certNo, issuer: r.issuingAuthority }}
        />
        )}
      </Card>

      <Card title="办理进度">
        <RecordTimeline status={r.status} createdAt={r.createdAt} events={events} />
      </Card>
    </div>
  );
}
