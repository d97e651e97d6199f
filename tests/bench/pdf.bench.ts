/**
 * npm run bench:pdf — one cold render (fonts parsed), then 1,000 warm renders of different
 * certificates (each its own token, so its own QR code). Targets: warm p95 ≤ 100 ms and
 * RSS growth ≤ 50 MB over the 1,000 renders. BENCH_STRICT=1 makes a missed target exit 1.
 *
 * React runs in production mode, as under `next start` (its development build keeps debug data per
 * element); NODE_ENV=development measures that instead. RSS is compared after a full garbage
 * collection and a second of idle at both ends, so the figure is memory still held (a leak), not
 * garbage V8 has not collected yet in a loop that never idles; the raw figure is printed beside it,
 * and the JS heap after GC shows whether any render's objects stay reachable.
 */
import v8 from "node:v8";
import vm from "node:vm";

(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
const { newVerifyToken } = await import("@/lib/certificates/token");
const { renderCertificatePdf } = await import("@/lib/pdf/render-certificate");
const { makeTestPhoto, sampleCertificate } = await import("../fixtures/certificate");

const WARM_RENDERS = Number(process.env.BENCH_RENDERS ?? 1000);
const TARGET_P95_MS = 100;
const TARGET_RSS_MB = 50;
const NAMES = ["王堃喆", "欧阳昇镕", "李〇", "张伟", "陈思琪", "刘䶮"];

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const mb = (bytes: number) => bytes / 1024 / 1024;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
/** Memory still held: full GC, a second of idle (V8 and malloc hand freed pages back), GC again. */
async function settled(): Promise<{ rss: number; heap: number }> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

async function main() {
  const photo = await makeTestPhoto(16, 90);
  const cert = (i: number) =>
    sampleCertificate(photo, {
      name: NAMES[i % NAMES.length],
      certNo: `5220200800010${String(i).padStart(5, "0")}`,
      verifyUrl: `https://zhicheng.example.cn/verify/${newVerifyToken()}`,
    });

  console.log(`NODE_ENV=${process.env.NODE_ENV}, node ${process.version}`);
  let t = performance.now();
  const first = await renderCertificatePdf(cert(0));
  const cold = performance.now() - t;
  console.log(`cold render: ${cold.toFixed(0)} ms, ${(first.length / 1024).toFixed(1)} KB (photo ${(photo.length / 1024).toFixed(1)} KB)`);

  const rawBefore = process.memoryUsage().rss;
  const before = await settled();
  const times: number[] = [];
  let maxBytes = 0;
  for (let i = 1; i <= WARM_RENDERS; i++) {
    t = performance.now();
    const pdf = await renderCertificatePdf(cert(i));
    times.push(performance.now() - t);
    maxBytes = Math.max(maxBytes, pdf.length);
  }
  const rawAfter = process.memoryUsage().rss;
  const after = await settled();
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = pct(sorted, 50);
  const p95 = pct(sorted, 95);
  const max = sorted[sorted.length - 1];
  const growth = mb(after.rss - before.rss);

  console.log(`warm renders: ${WARM_RENDERS}  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  max ${max.toFixed(1)} ms`);
  console.log(`largest PDF: ${(maxBytes / 1024).toFixed(1)} KB`);
  console.log(
    `RSS settled: ${mb(before.rss).toFixed(0)} MB → ${mb(after.rss).toFixed(0)} MB (growth ${growth.toFixed(1)} MB); ` +
      `raw: ${mb(rawBefore).toFixed(0)} MB → ${mb(rawAfter).toFixed(0)} MB (${mb(rawAfter - rawBefore).toFixed(1)} MB)`,
  );
  console.log(`JS heap settled: ${mb(before.heap).toFixed(1)} MB → ${mb(after.heap).toFixed(1)} MB`);
  const p95Ok = p95 <= TARGET_P95_MS;
  const rssOk = growth <= TARGET_RSS_MB;
  console.log(`target warm p95 ≤ ${TARGET_P95_MS} ms: ${p95Ok ? "met" : "NOT met"}`);
  console.log(`target RSS growth ≤ ${TARGET_RSS_MB} MB: ${rssOk ? "met" : "NOT met"}`);
  if (process.env.BENCH_STRICT === "1" && !(p95Ok && rssOk)) process.exitCode = 1;
}

await main();
