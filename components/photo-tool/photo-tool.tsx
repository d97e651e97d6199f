"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { PHOTO_MAX_INPUT_PIXELS, photoError, type PhotoError } from "@/lib/photos/rules";
import { sniffImageType, sniffedLabel } from "@/lib/photos/sniff";
import { CertificatePreview, type CertificatePreviewFields } from "./certificate-preview";
import { CHECKLIST, checkFrame, sourceTransparentFraction, type FrameCheck } from "./checks";
import { CropFrame } from "./crop-frame";
import { INITIAL_FRAMING, MAX_ZOOM, MIN_ZOOM, cropSourceSize, turn, zoomTo, type Framing } from "./geometry";

export type PhotoToolProps = {
  /**
   * Receives the framed photo: JPEG, 590×826 (2× the 295×413 output; the server normalises it).
   * Shows its own errors: a rejected promise is not caught by the tool.
   */
  onReady: (blob: Blob) => void | Promise<void>;
  /** The owner is uploading: the button is disabled. */
  busy?: boolean;
  submitLabel?: string;
  /** Shown on the certificate mock. */
  certificate?: CertificatePreviewFields;
};

/** Quality of the exported JPEG: high, since the server re-encodes it. */
const EXPORT_QUALITY = 0.92;
/** Live checks wait for the user to pause dragging. */
const CHECK_DELAY_MS = 150;

/**
 * The certificate photo tool (docs/domain.md §8; replaces the old platform's desktop 照片处理工具): choose a file or take a
 * photo, frame it in 295:413 with the head guide, check it live with the server's rules, preview it
 * on the certificate, and hand the JPEG to `onReady`. Works one-handed at 390 px.
 */
export function PhotoTool({ onReady, busy = false, submitLabel = "使用此照片", certificate }: PhotoToolProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const workCanvas = useRef<HTMLCanvasElement | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const objectUrl = useRef<string | null>(null);
  const transparency = useRef(0);
  const checkTimer = useRef<number | undefined>(undefined);

  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [framing, setFraming] = useState<Framing>(INITIAL_FRAMING);
  const [loadError, setLoadError] = useState<PhotoError | null>(null);
  const [loading, setLoading] = useState(false);
  const [check, setCheck] = useState<FrameCheck | null>(null);
  const [showGuide, setShowGuide] = useState(true);
  const [exporting, setExporting] = useState(false);

  useEffect(
    () => () => {
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
      window.clearTimeout(checkTimer.current);
    },
    [],
  );

  const forgetImage = () => {
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = null;
    setImage(null);
    setCheck(null);
  };

  const loadFile = async (file: File) => {
    setLoadError(null);
    setLoading(true);
    const url = URL.createObjectURL(file);
    const img = new Image();
    try {
      await new Promise<void>((resolve, reject) => {
        img.onload = () => resolve();
        img.onerror = () => reject(new Error("decode"));
        img.src = url;
      });
    } catch {
      URL.revokeObjectURL(url);
      forgetImage();
      // The browser could not decode it: say what the file really is.
      const type = sniffImageType(new Uint8Array(await file.slice(0, 512).arrayBuffer()));
      setLoadError(
        type.kind === "heif"
          ? photoError("heic_unsupported", "browser")
          : type.kind === "image"
            ? photoError("decode_failed")
            : photoError("unsupported_type", sniffedLabel(type)),
      );
      setLoading(false);
      return;
    }
    setLoading(false);
    const { naturalWidth: w, naturalHeight: h } = img;
    if (w * h > PHOTO_MAX_INPUT_PIXELS) {
      URL.revokeObjectURL(url);
      forgetImage();
      setLoadError(photoError("too_many_pixels", w, h));
      return;
    }
    transparency.current = sourceTransparentFraction(img, w, h);
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = url;
    setCheck(null);
    setFraming(INITIAL_FRAMING);
    setImage(img);
  };

  const onFileChosen = (input: HTMLInputElement | null) => {
    const file = input?.files?.[0];
    if (input) input.value = ""; // choosing the same file again still fires a change
    if (file) void loadFile(file);
  };

  const onDrawn = useCallback(() => {
    window.clearTimeout(checkTimer.current);
    if (!image) return;
    checkTimer.current = window.setTimeout(() => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      workCanvas.current ??= document.createElement("canvas");
      const crop = cropSourceSize(image.naturalWidth, image.naturalHeight, framing);
      setCheck(checkFrame(canvas, workCanvas.current, crop, transparency.current));
    }, CHECK_DELAY_MS);
  }, [image, framing]);

  const exportPhoto = () => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    setExporting(true);
    const deliver = async (blob: Blob | null) => {
      try {
        if (blob) await onReady(blob);
        else setLoadError(photoError("decode_failed"));
      } finally {
        setExporting(false);
      }
    };
    // onReady shows its own errors (see PhotoToolProps): nothing to catch here.
    canvas.toBlob((blob) => void deliver(blob), "image/jpeg", EXPORT_QUALITY);
  };

  const errors = check?.errors ?? [];
  const ready = image !== null && check !== null && errors.length === 0;
  const extraErrors = errors.filter((e) => !CHECKLIST.some((c) => c.code === e.code));
  const iw = image?.naturalWidth ?? 1;
  const ih = image?.naturalHeight ?? 1;

  return (
    <div className="grid gap-5 md:grid-cols-[minmax(0,320px)_minmax(0,1fr)]">
      <div className="space-y-3">
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => fileInput.current?.click()} disabled={loading}>
            {image ? "重新选择照片" : "选择照片"}
          </Button>
          <Button type="button" variant="secondary" onClick={() => cameraInput.current?.click()} disabled={loading}>
            拍照
          </Button>
          <input ref={fileInput} type="file" accept="image/*" className="sr-only" tabIndex={-1} aria-label="选择照片文件" onChange={(e) => onFileChosen(e.currentTarget)} />
          <input ref={cameraInput} type="file" accept="image/*" capture="user" className="sr-only" tabIndex={-1} aria-label="用相机拍照" onChange={(e) => onFileChosen(e.currentTarget)} />
        </div>

        <CropFrame image={image} framing={framing} onFramingChange={setFraming} canvasRef={canvasRef} onDrawn={onDrawn} showGuide={showGuide} />

        <fieldset disabled={!image} className="mx-auto w-full max-w-[295px] space-y-2 disabled:opacity-50">
          <legend className="sr-only">调整照片</legend>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <span className="shrink-0">缩放</span>
            <input
              type="range"
              min={MIN_ZOOM}
              max={MAX_ZOOM}
              step={0.01}
              value={framing.zoom}
              onChange={(e) => setFraming(zoomTo(iw, ih, framing, Number(e.currentTarget.value)))}
              className="h-8 w-full accent-brand-600"
              aria-valuetext={`${Math.round(framing.zoom * 100)}%`}
            />
            <span className="w-12 shrink-0 text-right tabular-nums">{Math.round(framing.zoom * 100)}%</span>
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="button" size="sm" variant="secondary" onClick={() => setFraming(turn(framing, -1))} aria-label="向左旋转 90 度">
              ↺ 左转
            </Button>
            <Button type="button" size="sm" variant="secondary" onClick={() => setFraming(turn(framing, 1))} aria-label="向右旋转 90 度">
              ↻ 右转
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setFraming({ ...INITIAL_FRAMING, quarterTurns: framing.quarterTurns })}>
              复位
            </Button>
            <label className="ml-auto flex items-center gap-1 text-sm text-slate-600">
              <input type="checkbox" checked={showGuide} onChange={(e) => setShowGuide(e.currentTarget.checked)} className="accent-brand-600" />
              参考线
            </label>
          </div>
        </fieldset>
      </div>

      <div className="min-w-0 space-y-4">
        <p className="text-sm leading-relaxed text-slate-600">
          请在白墙或白布前正面免冠拍摄，光线均匀、不戴帽子和有色眼镜。拖动照片使头部位于<span className="text-brand-700">蓝色椭圆</span>内，
          头顶对齐“头顶”线，肩膀对齐<span className="text-amber-700">橙色肩线</span>；可双指或用滑块缩放。
        </p>
        {loading && <Notice>正在读取照片…</Notice>}
        {loadError && <Notice tone="error">{loadError.message}</Notice>}

        <section aria-labelledby="photo-checks-title">
          <h3 id="photo-checks-title" className="mb-2 text-sm font-semibold text-slate-800">
            照片检查
          </h3>
          <ul role="status" aria-live="polite" className="space-y-1.5 text-sm">
            {CHECKLIST.map(({ code, passed }) => {
              const failed = errors.find((e) => e.code === code);
              if (!check) return <CheckLine key={code} state="idle" text={passed} />;
              return <CheckLine key={code} state={failed ? "fail" : "pass"} text={failed?.message ?? passed} />;
            })}
            {extraErrors.map((e) => (
              <CheckLine key={e.code} state="fail" text={e.message} />
            ))}
          </ul>
          {!image && <p className="mt-1 text-xs text-slate-500">选择照片后将自动检查。</p>}
        </section>

        <section aria-labelledby="photo-preview-title">
          <h3 id="photo-preview-title" className="mb-2 text-sm font-semibold text-slate-800">
            证书效果预览
          </h3>
          <CertificatePreview photoUrl={check?.previewUrl || null} fields={certificate} />
        </section>

        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={exportPhoto} disabled={!ready || busy || exporting} className="w-full sm:w-auto">
            {busy || exporting ? "正在处理…" : submitLabel}
          </Button>
          {image && check && !ready && <span className="text-xs text-red-700">请先解决上面标红的问题</span>}
        </div>
      </div>
    </div>
  );
}

function CheckLine({ state, text }: { state: "idle" | "pass" | "fail"; text: string }) {
  const styles = {
    idle: { icon: "○", className: "text-slate-500" },
    pass: { icon: "✓", className: "text-green-700" },
    fail: { icon: "✗", className: "text-red-700" },
  }[state];
  return (
    <li className={`flex gap-2 ${styles.className}`}>
      <span aria-hidden="true" className="shrink-0 font-bold">
        {styles.icon}
      </span>
      <span>
        <span className="sr-only">{state === "fail" ? "未通过：" : state === "pass" ? "通过：" : "待检查："}</span>
        {text}
      </span>
    </li>
  );
}
