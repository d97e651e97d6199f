/**
 * How the photo will look on the certificate: an A4 mock with the 25×35 mm photo box in proportion,
 * and the photo at its nominal printed size. The real layout is the PDF's (docs/domain.md §7); this only has
 * to make a badly framed or too dark photo obvious before it is submitted.
 */

export type CertificatePreviewFields = {
  name?: string;
  qualification?: string;
  certificateNo?: string;
  issuer?: string;
};

/** A4 portrait, in mm; the photo box is 25×35 mm at 20 mm from the left, 52 mm from the top. */
const PAGE = { width: 210, height: 297 };
const BOX = { left: 20, top: 52, width: 25, height: 35 };
const pct = (mm: number, of: number) => `${(mm / of) * 100}%`;

export function CertificatePreview({ photoUrl, fields = {} }: { photoUrl: string | null; fields?: CertificatePreviewFields }) {
  const rows: [string, string][] = [
    ["姓　　名", fields.name ?? "（姓名）"],
    ["资格名称", fields.qualification ?? "（资格名称）"],
    ["证书编号", fields.certificateNo ?? "52 ………………"],
  ];
  return (
    <div className="flex flex-wrap items-end gap-4">
      <figure className="w-full max-w-[260px]">
        <div
          className="relative w-full border-4 border-double border-amber-700/60 bg-[#fffdf6] shadow-sm"
          style={{ aspectRatio: `${PAGE.width} / ${PAGE.height}` }}
        >
          <p className="absolute inset-x-0 top-[7%] text-center text-[11px] font-bold tracking-widest text-red-800 sm:text-xs">
            专业技术资格证书
          </p>
          <div
            className="absolute overflow-hidden border border-slate-400 bg-white"
            style={{ left: pct(BOX.left, PAGE.width), top: pct(BOX.top, PAGE.height), width: pct(BOX.width, PAGE.width), height: pct(BOX.height, PAGE.height) }}
          >
            {photoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- a canvas data URL, nothing to optimise
              <img src={photoUrl} alt="证书上的照片预览" className="h-full w-full object-cover" />
            ) : (
              <span className="flex h-full items-center justify-center text-[8px] text-slate-500">照片</span>
            )}
          </div>
          <dl className="absolute right-[8%] text-[8px] leading-relaxed text-slate-700 sm:text-[9px]" style={{ left: pct(BOX.left + BOX.width + 8, PAGE.width), top: pct(BOX.top, PAGE.height) }}>
            {rows.map(([label, value]) => (
              <div key={label} className="flex gap-1">
                <dt className="shrink-0 text-slate-500">{label}</dt>
                <dd className="truncate">{value}</dd>
              </div>
            ))}
          </dl>
          <div className="absolute inset-x-[8%] top-[40%] space-y-[6%]" aria-hidden="true">
            {[0, 1, 2, 3, 4].map((i) => (
              <div key={i} className="h-px bg-slate-300" />
            ))}
          </div>
          <div className="absolute bottom-[8%] right-[10%] flex flex-col items-center text-[8px] text-slate-600">
            <span className="mb-1 h-8 w-8 rounded-full border-2 border-red-600/60" aria-hidden="true" />
            {fields.issuer ?? "发证机关"}
          </div>
        </div>
        <figcaption className="mt-1 text-xs text-slate-500">证书版式示意（照片框 25×35 mm）</figcaption>
      </figure>
      <figure>
        <div className="overflow-hidden border border-slate-400 bg-white" style={{ width: "25mm", height: "35mm" }}>
          {photoUrl && (
            // eslint-disable-next-line @next/next/no-img-element -- a canvas data URL, nothing to optimise
            <img src={photoUrl} alt="照片打印尺寸预览" className="h-full w-full object-cover" />
          )}
        </div>
        <figcaption className="mt-1 text-xs text-slate-500">打印尺寸（1 寸）</figcaption>
      </figure>
    </div>
  );
}
