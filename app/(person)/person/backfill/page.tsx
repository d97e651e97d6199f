import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { PHOTO_UPLOAD_STATES } from "@/lib/backfill/person-photo";
import { diagnoseEmptyPersonRecords, listPersonRecords, type PersonRecordRow } from "@/lib/backfill/person-records";
import { personStatusInfo, PHOTO_STATUS_INFO } from "@/lib/backfill/person-status";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { needsPhotoForPassDate } from "@/lib/roster/photo-rule";

export const metadata: Metadata = { title: "职称证书补录" };

export default async function PersonBackfillPage() {
  const user = await requireRolePage(["person"]);
  const db = await getDb();
  const records = await listPersonRecords(db, user.id);
  const diagnosis = records.length === 0 ? await diagnoseEmptyPersonRecords(db, user.id) : null;

  return (
    <div className="space-y-4">
      <Card title="职称证书补录">
        <p className="text-sm leading-relaxed text-slate-600">
          以下是评委会组建单位发布的、证件与您账号一致的职称证书补录记录。请找到您的证书记录，点击「照片上传」，按提示拍摄或选择本人近期白底证件照，裁剪后上传并「提交」。
          评委会审核通过并经省人社厅专技处确认后，即可查询和下载电子证书。2020年度之前取得的职称证书无需上传照片：名册发布后由评委会直接提交确认，确认后仅提供信息查看，不制作电子证书。
        </p>
      </Card>

      {diagnosis ? (
        <Card title="暂无记录">
          <div className="space-y-3" data-testid="empty-diagnosis" data-kind={diagnosis.kind}>
            <p className="font-medium text-slate-800">{diagnosis.title}</p>
            <ul className="list-disc space-y-2 pl-5 text-sm leading-relaxed text-slate-600">
              {diagnosis.advice.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </div>
        </Card>
      ) : (
        <ul className="space-y-3" data-testid="backfill-records">
          {records.map((r) => (
            <RecordCard key={r.id} r={r} />
          ))}
        </ul>
      )}
    </div>
  );
}

function RecordCard({ r }: { r: PersonRecordRow }) {
  const status = personStatusInfo(r.status, r.passDate);
  const photoNeeded = needsPhotoForPassDate(r.passDate);
  const canUpload = photoNeeded && PHOTO_UPLOAD_STATES.includes(r.status);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="backfill-record" data-cert-no={r.certNo}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-slate-800">
            {r.qualificationName}
            <span className="ml-2 text-sm font-normal text-slate-500">{TITLE_LEVEL_LABELS[r.level]}</span>
          </h3>
          <p className="mt-0.5 text-sm text-slate-600">{r.committeeName}</p>
        </div>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
        <dt className="text-slate-500">系列 / 专业</dt>
        <dd>
          {r.series} / {r.specialty}
        </dd>
        <dt className="text-slate-500">评审通过</dt>
        <dd>{r.passDate}</dd>
        <dt className="text-slate-500">证书编号</dt>
        <dd className="break-all font-mono text-xs leading-5">{r.certNo}</dd>
        <dt className="text-slate-500">照片</dt>
        <dd>{!photoNeeded ? "无需照片（仅提供信息查看）" : r.photo ? PHOTO_STATUS_INFO[r.photo.status].label : "未上传"}</dd>
      </dl>
      {r.rejection && (
        <div className="mt-3">
          <Notice tone="warning">评委会驳回了您的照片：{r.rejection.reason}。请重新上传。</Notice>
        </div>
      )}
      <div className="mt-3 flex justify-end">
        <Link href={`/person/backfill/${r.id}`} className={`${buttonClass(r.status === "awaiting_photo" ? "primary" : "secondary")} w-full sm:w-auto`}>
          {r.status === "awaiting_photo" ? "照片上传" : canUpload ? "查看或更换照片" : "查看详情"}
        </Link>
      </div>
    </li>
  );
}
