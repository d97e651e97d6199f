/**
 * A declaration's 证件照 as its viewers see it (the applicant's summary, the examiners' detail page): the normalised
 * 295×413 JPEG served by /api/photos/[photoId] (lib/photos/access.ts decides who may see it), or a note that there
 * is none (a declaration made before the 证件照 step).
 */
export function DeclarationPhoto({ photoId, size = "md" }: { photoId: string | null; size?: "sm" | "md" }) {
  const [w, h] = size === "sm" ? [74, 104] : [118, 165];
  if (!photoId) {
    return (
      <div
        className="flex shrink-0 items-center justify-center border border-dashed border-slate-300 bg-slate-50 p-2 text-center text-xs text-slate-500"
        style={{ width: w, height: h }}
        data-testid="declaration-photo-missing"
      >
        未上传证件照
      </div>
    );
  }
  return (
    <figure className="shrink-0">
      {/* eslint-disable-next-line @next/next/no-img-element -- private, uncacheable photo served by our handler */}
      <img src={`/api/photos/${photoId}`} alt="申报人证件照" width={w} height={h} className="border border-slate-300 bg-white object-cover" style={{ width: w, height: h }} data-testid="declaration-photo" />
    </figure>
  );
}
