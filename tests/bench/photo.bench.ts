/**
 * `npm run bench:photo` — normalisation of a 12 MP phone JPEG (target: ≥ 20 ops/s per core).
 *
 * Generated 12 MP sources (q92 with sensor-like noise; file size printed): a portrait shot stored
 * sideways with EXIF orientation 6 (how phones store an upright photo), smooth (≈ 1.6 MB) and at a
 * typical phone file size (≈ 2.9 MB), and a 4:3 landscape shot that must be cropped.
 * Each is measured single-threaded (sharp.concurrency(1), one photo at a time) and with as many
 * photos in flight as cores (still one libvips thread each). "CPU-based" divides by the CPU time the
 * process used, which stays honest when other processes share the machine; "wall" divides by
 * elapsed time. PHOTO_BENCH_ITERATIONS sets the photos per measurement (default 40); each measurement
 * is taken PHOTO_BENCH_ROUNDS times (default 3) and the best round counts, with the spread printed:
 * on a shared 2-core VM other tenants only ever slow a round down (this machine's own decode of the
 * same file drifts from 36 to 46 ms between minutes).
 *
 * Then the labelled portrait set (tests/fixtures/photo-set.ts) through the same normalisation: the
 * false-refusal rate (good portraits refused), the false-acceptance rate (bad ones accepted), bad
 * ones refused with other rules than labelled, and the cost of the shared pixel rules alone on one
 * 295×413 raster (what the browser tool runs live). Goal 0 % and 0 %. PHOTO_BENCH_ONLY=set skips
 * the throughput part.
 */
import os from "node:os";
import sharp from "sharp";
import { normalizeIdPhoto } from "../../lib/photos/normalize";
import { PHOTO_HEIGHT, PHOTO_WIDTH, evaluatePhotoPixels } from "../../lib/photos/rules";
import { drawPortrait } from "../fixtures/photo-images";
import { PORTRAIT_SET, encodeLabelledPortrait } from "../fixtures/photo-set";

const TARGET_PER_CORE = 20;
const ITERATIONS = Number(process.env.PHOTO_BENCH_ITERATIONS ?? 40);
const ROUNDS = Number(process.env.PHOTO_BENCH_ROUNDS ?? 3);
const CORES = os.availableParallelism();

sharp.concurrency(1);
sharp.cache(false); // every upload is a new file: no cache hits in production either

/** Noise 16 gives ≈ 2.9 MB, the size of a typical 12 MP phone JPEG; noise 8 a smoother ≈ 1.6 MB one. */
async function phonePortrait(noise: number): Promise<Buffer> {
  const p = drawPortrait({ width: 3000, height: 4000, noise });
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } })
    .rotate(270)
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 92 })
    .toBuffer();
}
async function landscape(noise: number): Promise<Buffer> {
  const p = drawPortrait({ width: 4000, height: 3000, noise });
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } }).jpeg({ quality: 92 }).toBuffer();
}

/** What the browser tool uploads: the framed photo at 2×, JPEG q92. */
async function toolOutput(): Promise<Buffer> {
  const p = drawPortrait({ width: 590, height: 826, noise: 16 });
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } }).jpeg({ quality: 92 }).toBuffer();
}

async function once(input: Buffer) {
  const r = await normalizeIdPhoto(input);
  if (!r.ok) throw new Error(`benchmark photo rejected: ${r.errors.map((e) => e.code).join(", ")}`);
  return r;
}

async function measureOnce(input: Buffer, inFlight: number) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < ITERATIONS) await once(input);
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return { wallS, cpuS, wallOpsPerCore: ITERATIONS / wallS / inFlight, cpuOpsPerCore: ITERATIONS / cpuS };
}

/** The best of ROUNDS measurements (by CPU-based ops/s), and the worst, to show the spread. */
async function measure(input: Buffer, inFlight: number) {
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await measureOnce(input, inFlight));
  rounds.sort((a, b) => b.cpuOpsPerCore - a.cpuOpsPerCore);
  return { ...rounds[0], worstCpuOpsPerCore: rounds[rounds.length - 1].cpuOpsPerCore };
}

/** Decoding alone, best of ROUNDS: ms of CPU per photo. */
async function decodeFloorMs(input: Buffer): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < ITERATIONS; i++) await sharp(input, { limitInputPixels: false }).resize(40, 40, { fit: "outside" }).raw().toBuffer();
    const cpu = process.cpuUsage(cpu0);
    best = Math.min(best, (cpu.user + cpu.system) / 1000 / ITERATIONS);
  }
  return best;
}

/** The labelled set's error rates through the server path, and the pixel rules' own cost. */
async function labelledSet() {
  let good = 0;
  let falseRefusals = 0;
  let bad = 0;
  let falseAcceptances = 0;
  let wrongRules = 0;
  for (const c of PORTRAIT_SET) {
    const result = await normalizeIdPhoto(await encodeLabelledPortrait(c));
    const codes = result.ok ? [] : result.errors.map((e) => e.code);
    const isGood = c.expected.length === 0;
    if (isGood) good++;
    else bad++;
    if (isGood && !result.ok) falseRefusals++;
    else if (!isGood && result.ok) falseAcceptances++;
    else if (!isGood && codes.join() !== c.expected.join()) wrongRules++;
    if (codes.join() !== c.expected.join()) console.log(`  mismatch: ${c.name}: expected [${c.expected.join(", ")}], got [${codes.join(", ")}]`);
  }
  const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)} % (${n}/${of})`;
  console.log(`  false refusals ${pct(falseRefusals, good)}  false acceptances ${pct(falseAcceptances, bad)}  refused with other rules than labelled ${pct(wrongRules, bad)}`);

  const p = drawPortrait({ width: PHOTO_WIDTH, height: PHOTO_HEIGHT, backgroundAlpha: 255 });
  const raster = { data: p.data, width: p.width, height: p.height, channels: p.channels };
  for (let i = 0; i < 50; i++) evaluatePhotoPixels(raster);
  const runs = 500;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) evaluatePhotoPixels(raster);
  console.log(`  pixel rules alone (evaluatePhotoPixels, 295×413 RGBA): ${(((performance.now() - t0) / runs) * 1000).toFixed(0)} µs per call`);
}

async function main() {
  if (process.env.PHOTO_BENCH_ONLY === "set") {
    console.log(`labelled portrait set: ${PORTRAIT_SET.length} portraits`);
    return labelledSet();
  }
  const started = performance.now();
  console.log(`photo bench: ${ITERATIONS} photos per round, best of ${ROUNDS} rounds, ${CORES} cores, load average ${os.loadavg()[0].toFixed(2)}, sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}`);
  const sources = [
    { name: "12 MP portrait, smooth (4000×3000 stored, EXIF 6)", input: await phonePortrait(8) },
    { name: "12 MP portrait, typical phone file (EXIF 6)", input: await phonePortrait(16) },
    { name: "12 MP landscape, typical phone file (cropped)", input: await landscape(16) },
    { name: "photo tool output (590×826, for comparison)", input: await toolOutput() },
  ];
  const rows: { name: string; mode: string; wall: number; cpu: number; total: number }[] = [];
  for (const { name, input } of sources) {
    const sample = await once(input);
    console.log(`\n${name}: ${(input.length / 1024 / 1024).toFixed(2)} MB in → ${sample.bytes} B out (q${sample.quality})`);
    for (let i = 0; i < 3; i++) await once(input); // warm-up
    // The floor under any normalisation: decoding alone (JPEG shrink-on-load at 1/8, a tiny output,
    // no checks, no encode). Huffman decoding of the whole file cannot be skipped at any scale.
    const floorMs = await decodeFloorMs(input);
    console.log(`  decode alone   ${(1000 / floorMs).toFixed(1).padStart(6)} ops/s per core (CPU-based)  ${floorMs.toFixed(1)} ms/photo — the decoder's ceiling for this file`);
    for (const inFlight of [1, CORES]) {
      const m = await measure(input, inFlight);
      const mode = inFlight === 1 ? "single thread" : `${inFlight} in flight`;
      console.log(
        `  ${mode.padEnd(14)} ${m.wallOpsPerCore.toFixed(1).padStart(6)} ops/s per core (wall)  ${m.cpuOpsPerCore.toFixed(1).padStart(6)} ops/s per core (CPU-based; worst round ${m.worstCpuOpsPerCore.toFixed(1)})  ${(m.wallS * 1000 / ITERATIONS * inFlight).toFixed(1)} ms/photo  total ${m.wallS.toFixed(2)} s`,
      );
      rows.push({ name, mode, wall: m.wallOpsPerCore, cpu: m.cpuOpsPerCore, total: m.wallS });
    }
  }
  console.log(`\nlabelled portrait set (tests/fixtures/photo-set.ts): ${PORTRAIT_SET.length} portraits through normalizeIdPhoto`);
  await labelledSet();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${peakRssMb.toFixed(0)} MB`);
  for (const { name } of sources.filter((s) => s.name.startsWith("12 MP"))) {
    const cpu = Math.min(...rows.filter((r) => r.name === name).map((r) => r.cpu));
    console.log(`target ≥ ${TARGET_PER_CORE} ops/s per core, ${name}: ${cpu >= TARGET_PER_CORE ? "MET" : "NOT MET"} (${cpu.toFixed(1)} CPU-based, worst mode)`);
  }
  if (os.loadavg()[0] > CORES) console.log("note: the machine is busy (load > cores); wall figures understate, CPU-based figures hold");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
