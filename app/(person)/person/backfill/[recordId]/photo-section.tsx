"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { PhotoTool, type CertificatePreviewFields } from "@/components/photo-tool";
import { CertificatePreview } from "@/components/photo-tool/certificate-preview";
import { Button } from "@/components/ui/button";
import { Badge, Notice } from "@/components/ui/card";
import type { RosterStatus } from "@/db/schema";
import type { PhotoStatus } from "@/db/schema/enums";
import { PHOTO_STATUS_INFO } from "@/lib/backfill/person-status";
import { grantPhotoConsentAction, submitPhotoAction } from "../actions";

type Props = {
  recordId: string;
  version: number;
  status: RosterStatus;
  /** Null while the photo may be (re)placed. */
  blockedReason: string | null;
  consentGiven: boolean;
  photo: { id: string; status: PhotoStatus } | null;
  rejection: { reason: string } | null;
  certificate: CertificatePreviewFields;
};

type Feedback = { tone: "success" | "error"; message: string; details?: string[] };

type UploadReply = { ok: true; photoId: string; message: string } | { ok: false; message: string; errors?: { code: string; message: string }[] };

/**
 * The holder's photo steps (docs/domain.md §8): one-time consent, 「+」 opens the photo tool, 「上传」 sends
 * the framed JPEG to the server (which checks and normalises it), the stored photo is previewed on
 * the certificate, and 「提交」 (after a confirmation) hands it to the committee.
 */
export function PhotoSection({ recordId, version, status, blockedReason, consentGiven, photo, rejection, certificate }: Props) {
  const router = useRouter();
  const [toolOpen, setToolOpen] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [agree, setAgree] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, startTransition] = useTransition();

  const canUpload = blockedReason === null;
  const pending = photo?.status === "pending" ? photo : null;
  const photoUrl = photo ? `/api/photos/${photo.id}` : null;

  const consent = () =>
    startTransition(async () => {
      const r = await grantPhotoConsentAction({ agree });
      setFeedback(r.ok ? null : { tone: "error", message: r.fieldErrors?.agree ?? r.message });
      if (r.ok) router.refresh();
    });

  const upload = async (blob: Blob) => {
    setUploading(true);
    setFeedback(null);
    try {
      const res = await fetch(`/api/photos/upload?recordId=${encodeURIComponent(recordId)}`, {
        method: "POST",
        headers: { "Content-Type": blob.type || "image/jpeg", "X-File-Name": encodeURIComponent("photo.jpg") },
        body: blob,
      });
      const reply = (await res.json().catch(() => ({ ok: false, message: "上传失败，请稍后重试" }))) as UploadReply;
      if (reply.ok) {
        setToolOpen(false);
        setFeedback({ tone: "success", message: reply.message });
        router.refresh();
      } else {
        const details = reply.errors && reply.errors.length > 1 ? reply.errors.map((e) => e.message) : undefined;
        setFeedback({ tone: "error", message: details ? "照片未通过检查：" : reply.message, details });
      }
    } catch {
      setFeedback({ tone: "error", message: "网络异常，照片未上传，请稍后重试" });
    } finally {
      setUploading(false);
    }
  };

  const submit = () =>
    startTransition(async () => {
      const r = await submitPhotoAction({ recordId, version });
      setConfirming(false);
      setFeedback({ tone: r.ok ? "success" : "error", message: r.ok ? (r.message ?? "已提交") : r.message });
      router.refresh();
    });

  return (
    <div className="space-y-4">
      {rejection && (
        <Notice tone="error">
          <span className="font-medium">评委会驳回了您的照片。</span>原因：{rejection.reason}。请按要求重新拍摄或选择照片，上传后再次提交。
        </Notice>
      )}
      {status === "photo_submitted" && (
        <Notice>照片已提交，评委会审核中。审核通过前仍可更换照片：上传新照片后需要重新提交。</Notice>
      )}
      {!canUpload && <Notice>{blockedReason}</Notice>}
      {feedback && (
        <div data-testid="photo-feedback">
          <Notice tone={feedback.tone}>
            {feedback.message}
            {feedback.details && (
              <ul className="mt-1 list-disc pl-5">
                {feedback.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </Notice>
        </div>
      )}

      {photoUrl && photo && (
        <section aria-labelledby="current-photo-title" className="space-y-2">
          <h3 id="current-photo-title" className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-800">
            {pending ? "照片预览（已上传，尚未提交）" : "当前照片"}
            <Badge tone={PHOTO_STATUS_INFO[photo.status].tone}>{PHOTO_STATUS_INFO[photo.status].label}</Badge>
          </h3>
          <div className="flex flex-wrap items-start gap-4">
            <figure>
              {/* eslint-disable-next-line @next/next/no-img-element -- private, uncacheable photo served by our handler */}
              <img
                src={photoUrl}
                alt="已上传的证件照片"
                width={148}
                height={207}
                className="h-[207px] w-[148px] border border-slate-300 bg-white object-cover"
                data-testid="uploaded-photo"
              />
              <figcaption className="mt-1 text-xs text-slate-500">服务器处理后的照片（295×413 像素）</figcaption>
            </figure>
            <CertificatePreview photoUrl={photoUrl} fields={certificate} />
          </div>
        </section>
      )}

      {canUpload && pending && !toolOpen && (
        <div className="space-y-2">
          {confirming ? (
            <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" role="dialog" aria-label="确认提交">
              <p>提交后，评委会将审核这张照片；审核通过后照片将印制在电子证书上。审核通过前仍可更换。确认提交？</p>
              <div className="mt-2 flex gap-2">
                <Button size="sm" onClick={submit} disabled={busy}>
                  {busy ? "正在提交…" : "确认提交"}
                </Button>
                <Button size="sm" variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
                  取消
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => setConfirming(true)} className="w-full sm:w-auto">
                提交
              </Button>
              <Button variant="secondary" onClick={() => setToolOpen(true)} className="w-full sm:w-auto">
                重新上传
              </Button>
            </div>
          )}
        </div>
      )}

      {canUpload && !consentGiven && (
        <section aria-labelledby="consent-title" className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
          <h3 id="consent-title" className="font-semibold text-slate-800">
            照片处理说明（首次上传前需单独同意）
          </h3>
          <ul className="list-disc space-y-1 pl-5 leading-relaxed text-slate-600">
            <li>您上传的证件照片属于个人信息，仅用于制作和核验您的职称电子证书。</li>
            <li>照片经加密连接上传；服务器将其裁剪为 295×413 像素、删除拍摄时间和位置等附加信息后保存在平台数据库中，不会公开发布。</li>
            <li>只有您本人、您评审所在评委会的组建单位和省人社厅专业技术人员管理处可以查看照片；每次上传和提交都会留有记录。</li>
            <li>照片随证书档案保存；如不同意，您将无法在线上传照片，可联系评委会组建单位线下办理。</li>
          </ul>
          <label className="flex items-start gap-2 text-slate-800">
            <input type="checkbox" className="mt-1 accent-brand-600" checked={agree} onChange={(e) => setAgree(e.currentTarget.checked)} />
            我已阅读并同意上述照片处理说明
          </label>
          <Button onClick={consent} disabled={!agree || busy} className="w-full sm:w-auto">
            {busy ? "正在保存…" : "同意并继续"}
          </Button>
        </section>
      )}

      {canUpload && consentGiven && !toolOpen && !pending && photo && (
        <Button variant="secondary" onClick={() => setToolOpen(true)} className="w-full sm:w-auto">
          + {rejection ? "重新上传照片" : "更换照片"}
        </Button>
      )}

      {canUpload && consentGiven && !toolOpen && !photo && (
        <button
          type="button"
          onClick={() => setToolOpen(true)}
          aria-label="添加照片"
          className="flex h-[207px] w-[148px] flex-col items-center justify-center gap-1 rounded-md border-2 border-dashed border-brand-300 bg-brand-50 text-brand-700 hover:bg-brand-100"
        >
          <span aria-hidden className="text-4xl leading-none">
            +
          </span>
          <span className="text-sm">添加照片</span>
        </button>
      )}

      {canUpload && consentGiven && toolOpen && (
        <section aria-label="照片工具" className="space-y-3 border-t border-slate-100 pt-4">
          <div className="flex items-center justify-between">
            <h3 className="text-sm font-semibold text-slate-800">照片工具：选择或拍摄照片，裁剪后上传</h3>
            <Button size="sm" variant="ghost" onClick={() => setToolOpen(false)} disabled={uploading}>
              收起
            </Button>
          </div>
          <PhotoTool onReady={upload} busy={uploading} submitLabel="上传" certificate={certificate} />
        </section>
      )}
    </div>
  );
}
