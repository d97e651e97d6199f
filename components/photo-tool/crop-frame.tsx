"use client";

import { useEffect, useEffectEvent, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from "react";
import { PHOTO_FACE_GUIDE as G, PHOTO_HEIGHT as H, PHOTO_WIDTH as W } from "@/lib/photos/rules";
import { FRAME_HEIGHT, FRAME_WIDTH, drawFramed, panBy, zoomTo, type Framing } from "./geometry";

type Props = {
  image: HTMLImageElement | null;
  framing: Framing;
  onFramingChange: (next: Framing) => void;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** Called after each redraw, so the owner can re-run the live checks. */
  onDrawn: () => void;
  showGuide: boolean;
};

/**
 * The 295:413 frame: the image on a canvas (2× resolution), pan by dragging (one finger or the
 * mouse), pinch or wheel to zoom, arrow keys and +/− from the keyboard, and the head-position guide.
 */
export function CropFrame({ image, framing, onFramingChange, canvasRef, onDrawn, showGuide }: Props) {
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinchStart = useRef<{ distance: number; zoom: number } | null>(null);
  const surface = useRef<HTMLDivElement>(null);

  // Sees the current framing and callback without re-attaching the wheel listener on every change.
  const wheelZoom = useEffectEvent((img: HTMLImageElement, deltaY: number) => {
    onFramingChange(zoomTo(img.naturalWidth, img.naturalHeight, framing, framing.zoom * Math.exp(-deltaY / 500)));
  });

  // Wheel zoom needs a non-passive listener, or the page scrolls as well.
  useEffect(() => {
    const el = surface.current;
    if (!el || !image) return;
    const onWheel = (e: globalThis.WheelEvent) => {
      e.preventDefault();
      wheelZoom(image, e.deltaY);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [image]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const frame = requestAnimationFrame(() => {
      if (image) drawFramed(ctx, image, image.naturalWidth, image.naturalHeight, framing);
      else {
        ctx.fillStyle = "#f1f5f9";
        ctx.fillRect(0, 0, FRAME_WIDTH, FRAME_HEIGHT);
      }
      onDrawn();
    });
    return () => cancelAnimationFrame(frame);
  }, [image, framing, canvasRef, onDrawn]);

  if (!image) {
    return (
      <div className="relative mx-auto aspect-[295/413] w-full max-w-[295px] overflow-hidden rounded border border-dashed border-slate-300 bg-slate-100">
        <canvas ref={canvasRef} width={FRAME_WIDTH} height={FRAME_HEIGHT} className="hidden" />
        <Guide />
        <p className="absolute inset-x-0 bottom-4 px-4 text-center text-sm text-slate-500">请先选择照片或拍照</p>
      </div>
    );
  }

  const iw = image.naturalWidth;
  const ih = image.naturalHeight;
  // CSS pixels → frame (canvas) pixels.
  const toFrame = (el: HTMLElement) => FRAME_WIDTH / el.getBoundingClientRect().width;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      pinchStart.current = { distance: Math.hypot(a.x - b.x, a.y - b.y), zoom: framing.zoom };
    }
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const prev = pointers.current.get(e.pointerId);
    if (!prev) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 1) {
      const k = toFrame(e.currentTarget);
      onFramingChange(panBy(iw, ih, framing, (e.clientX - prev.x) * k, (e.clientY - prev.y) * k));
    } else if (pointers.current.size === 2 && pinchStart.current) {
      const [a, b] = [...pointers.current.values()];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      onFramingChange(zoomTo(iw, ih, framing, (pinchStart.current.zoom * distance) / pinchStart.current.distance));
    }
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinchStart.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = 12;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) onFramingChange(panBy(iw, ih, framing, ...moves[e.key]));
    else if (e.key === "+" || e.key === "=") onFramingChange(zoomTo(iw, ih, framing, framing.zoom + 0.1));
    else if (e.key === "-") onFramingChange(zoomTo(iw, ih, framing, framing.zoom - 0.1));
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={surface}
      role="application"
      aria-label="照片裁剪区域：拖动移动照片，双指或滚轮缩放；键盘方向键移动，加号、减号缩放"
      tabIndex={0}
      className="relative mx-auto aspect-[295/413] w-full max-w-[295px] cursor-grab touch-none select-none overflow-hidden rounded border border-slate-300 bg-white outline-none focus-visible:ring-2 focus-visible:ring-brand-600 active:cursor-grabbing"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
    >
      <canvas ref={canvasRef} width={FRAME_WIDTH} height={FRAME_HEIGHT} className="absolute inset-0 h-full w-full" />
      {showGuide && <Guide />}
    </div>
  );
}

/** Head oval, head-top line and shoulder line, in photo pixels (viewBox 295×413). */
function Guide() {
  const cx = G.cx * W;
  const top = G.headTopY * H;
  const sy = G.shoulderY * H;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="pointer-events-none absolute inset-0 h-full w-full" aria-hidden="true">
      <g fill="none" strokeWidth={2} strokeDasharray="6 4">
        <ellipse cx={cx} cy={G.cy * H} rx={G.rx * W} ry={G.ry * H} stroke="rgba(29,95,191,0.85)" />
        <line x1={cx - 50} x2={cx + 50} y1={top} y2={top} stroke="rgba(29,95,191,0.85)" />
        <path
          d={`M ${0.04 * W} ${0.99 * H} Q ${0.1 * W} ${sy} ${0.36 * W} ${sy - 6} M ${0.64 * W} ${sy - 6} Q ${0.9 * W} ${sy} ${0.96 * W} ${0.99 * H}`}
          stroke="rgba(217,119,6,0.9)"
        />
      </g>
      <g fontSize={11} fill="rgba(29,95,191,0.95)">
        <text x={cx + 54} y={top + 4}>头顶</text>
        <text x={0.04 * W} y={sy - 10} fill="rgba(217,119,6,0.95)">肩线</text>
      </g>
    </svg>
  );
}
