import { createInflateRaw } from "node:zlib";
import { IMPORT_LIMITS } from "./constants";

/**
 * Checks an uploaded .xlsx (a zip) before any spreadsheet parser sees it: the central directory's
 * entry count and declared sizes, then the real inflated size of every entry (a zip bomb may lie in
 * its headers). Reads only the buffer; nothing is written anywhere.
 */
export type ZipCheck = { ok: true; entries: number; uncompressedBytes: number } | { ok: false; message: string };

type Limits = { maxZipEntries: number; maxUncompressedBytes: number };

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const TAMPERED = "工作簿内部数据与其目录信息不符，文件可能已损坏或被篡改，请重新另存为 .xlsx 后再导入";
const NOT_XLSX = "文件不是有效的 Excel 工作簿（.xlsx），请使用系统提供的模板或在 Excel / WPS 中另存为 .xlsx 后再导入";

export type ZipEntryInfo = { name: string; method: number; compressedSize: number; uncompressedSize: number; localOffset: number; flags: number };

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
}

export function readCentralDirectory(buf: Buffer, limits: Limits): ZipEntryInfo[] | string {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    return "这是旧版 .xls 文件或已加密的工作簿，请在 Excel / WPS 中取消密码并另存为 .xlsx 后再导入";
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== LFH_SIG) return NOT_XLSX;
  const eocd = findEocd(buf);
  if (eocd < 0) return NOT_XLSX;
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64 markers: a ≤ 10 MB workbook never needs them; a file that uses them is not one we accept.
  if (disk !== 0 || cdDisk !== 0 || total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return NOT_XLSX;
  if (total > limits.maxZipEntries) {
    return `工作簿内部文件数过多（${total}个，上限${limits.maxZipEntries}个），请只保留名册数据后另存为新文件再导入`;
  }
  if (cdOffset + cdSize > eocd) return NOT_XLSX;

  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH_SIG) return NOT_XLSX;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString("utf8", p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflates one entry without keeping the output, failing as soon as it exceeds `cap` bytes. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // Large output chunks: a 50,000-row sheet inflates to tens of MB, and each chunk is an event.
    const inflater = createInflateRaw({ chunkSize: 1024 * 1024 });
    let n = 0;
    inflater.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap) {
        inflater.destroy();
        resolve(n);
      }
    });
    inflater.on("end", () => resolve(n));
    inflater.on("error", reject);
    inflater.end(data);
  });
}

/**
 * Where an entry's (compressed) bytes lie in the buffer; null when malformed. The local header gives
 * only where the data starts (its own name and extra lengths); the size is the central directory's,
 * because an entry written with a data descriptor (flag bit 3) has zeros in its local header.
 */
export function entryDataRange(buf: Buffer, e: ZipEntryInfo): { start: number; end: number } | null {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LFH_SIG) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + e.compressedSize;
  return end > buf.length ? null : { start, end };
}

export async function checkXlsxZip(buf: Buffer, limits: Limits = IMPORT_LIMITS): Promise<ZipCheck> {
  const entries = readCentralDirectory(buf, limits);
  if (typeof entries === "string") return { ok: false, message: entries };

  // An OPC package: content types, and the package relationships that name the workbook (which need
  // not be xl/workbook.xml; ./xlsx-reader.ts follows them). A writer that left the relationships out
  // is still accepted when the workbook sits at its usual name.
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !(names.has("_rels/.rels") || names.has("xl/workbook.xml"))) return { ok: false, message: NOT_XLSX };

  const tooBig = `工作簿解压后超过${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB，超出导入上限，请拆分后分批导入`;
  let declared = 0;
  for (const e of entries) {
    if (e.flags & 0x1) return { ok: false, message: "工作簿已加密，请取消密码后再导入" };
    if (e.method !== 0 && e.method !== 8) return { ok: false, message: NOT_XLSX };
    declared += e.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) return { ok: false, message: tooBig };
  }

  // Declared sizes can lie: inflate each entry (output discarded) and hold it to its own declaration.
  let actual = 0;
  for (const e of entries) {
    const range = entryDataRange(buf, e);
    if (!range) return { ok: false, message: NOT_XLSX };
    const { start, end } = range;
    let size: number;
    if (e.method === 0) {
      size = e.compressedSize;
    } else {
      try {
        size = await inflatedSize(buf.subarray(start, end), e.uncompressedSize);
      } catch {
        return { ok: false, message: TAMPERED };
      }
    }
    if (size !== e.uncompressedSize) return { ok: false, message: TAMPERED };
    actual += size;
    if (actual > limits.maxUncompressedBytes) return { ok: false, message: tooBig };
  }
  return { ok: true, entries: entries.length, uncompressedBytes: actual };
}
