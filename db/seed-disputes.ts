/**
 * The 证件号码被占用申诉 part of the demo data (docs/domain.md §11): one pending dispute, so that
 * demo_hrss (贵阳市人社局) finds something in 证件号码申诉 `/hrss/disputes`. A new account,
 * demo_claimant, claims the ID number that the demo professional 陈刚 registered (5201… → 贵阳市).
 * Filed through the domain function the public route calls once its captcha and address limit are
 * passed (recordIdDispute): the seed is no visitor, so there is no captcha to solve.
 */
import { recordIdDispute } from "@/lib/disputes/file-dispute";
import type { Db } from "./client";
import { DEMO_PEOPLE_IDS } from "./seed-backfill";

export const DEMO_CLAIMANT = "demo_claimant";
/** 陈刚's number (db/seed-backfill.ts PEOPLE). */
export const DEMO_DISPUTED_ID = DEMO_PEOPLE_IDS.find((id) => id.startsWith("52010219830620005"))!;

/** A one-page PDF (with a correct cross-reference table) standing in for an ID card scan. */
export function demoProofPdf(line = "Demo proof: scan of the resident ID card"): Buffer {
  const text = line.replace(/[()\\]/g, "");
  const content = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** Runs inside the demo seed's transaction, after the professionals exist. */
export async function seedDisputeDemo(tx: Db, password: string): Promise<{ disputeId: string }> {
  const { disputeId } = await recordIdDispute(
    tx,
    {
      name: "陈刚",
      idType: "resident",
      idNumber: DEMO_DISPUTED_ID,
      phone: "13985100199",
      username: DEMO_CLAIMANT,
      password,
      statement: "本人陈刚，在贵阳市政工程设计研究院工作。注册时提示证件号码已注册，但本人从未注册过本平台账号，证件号码疑被他人冒用。附身份证扫描件。",
    },
    demoProofPdf(),
    null,
  );
  return { disputeId };
}
