/**
 * A certificate photo served by /api/photos/<id>: private (the route checks the viewer and audits the
 * view) and never cached, so next/image, which would fetch it without the viewer's session, does not fit.
 */
export function PrivatePhoto({ photoId, name, width, height, className = "" }: { photoId: string; name: string; width: number; height: number; className?: string }) {
  return (
    // eslint-disable-next-line @next/next/no-img-element -- private, uncacheable photo served by our own handler
    <img src={`/api/photos/${photoId}`} alt={`${name}的证件照`} width={width} height={height} className={`border border-slate-200 object-cover ${className}`} />
  );
}
