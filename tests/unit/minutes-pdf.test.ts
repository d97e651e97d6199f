import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderMinutesPdf } from "@/lib/pdf/render-minutes";
import type { MinutesData } from "@/lib/review-rounds/minutes";

const tmp = mkdtempSync(path.join(os.tmpdir(), "minutes-pdf-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function pdfText(pdf: Buffer): string {
  const file = path.join(tmp, "minutes.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
}

const HASH = "a".repeat(60) + "beef";
const BOX = "0123456789abcdef".repeat(4);

function sample(candidates: number): MinutesData {
  const members = Array.from({ length: 25 }, (_, i) => ({ name: i === 0 ? "王五" : `委员${i}`, position: i === 0 ? ("chair" as const) : i < 3 ? ("vice_chair" as const) : ("member" as const), title: "正高级工程师", present: i < 17 }));
  return {
    round: { id: "6f1c0b7e-2f7e-4a52-9a55-2f0a3c1b9d10", name: "2026年度工程技术高级职称评审会议", meetingDate: "2026-11-20", signedAt: new Date("2026-11-20T09:30:00Z"), signedByName: "王五", closingHash: HASH, ballotBoxHash: BOX },
    committee: { name: "贵州省工程技术高级职称评审委员会", code: "001", series: "工程技术", formingOrgName: "贵州省人力资源和社会保障厅" },
    term: { startDate: "2026-01-01", endDate: "2028-12-31" },
    members,
    memberCount: 25,
    presentCount: 17,
    panels: [{ name: "第一评议组", leaderName: "委员3", memberNames: ["委员3", "委员4", "委员5"] }],
    candidates: Array.from({ length: candidates }, (_, i) => ({
      position: i + 1,
      personName: i === 0 ? "吴刚" : `申报人${i + 1}`,
      unitName: "贵州省建筑设计研究院有限责任公司",
      specialty: "结构工程",
      targetLevel: "senior_deputy" as const,
      panelName: "第一评议组",
      opinions: { recommend: 2, notRecommend: 1 },
      summary: { text: "业绩突出，论文质量较高，建议通过。", recommend: true },
      eligiblePresent: 16,
      yes: i === 0 ? 12 : 3,
      no: i === 0 ? 3 : 10,
      abstain: 1,
      result: i === 0 ? ("passed" as const) : ("failed" as const),
      hash: HASH,
    })),
    confirmations: [
      { name: "罗晓明", kind: "staff", confirmedAt: new Date("2026-11-20T09:10:00Z") },
      { name: "刘静", kind: "staff", confirmedAt: new Date("2026-11-20T09:12:00Z") },
      { name: "委员4", kind: "scrutineer", confirmedAt: new Date("2026-11-20T09:15:00Z") },
    ],
  };
}

describe("评审会议纪要 PDF", () => {
  it("prints the committee, term, date, attendance, candidates, counts, results, confirmations and both hashes, in the CJK font", async () => {
    const pdf = await renderMinutesPdf(sample(3));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const v of [
      "贵州省工程技术高级职称评审委员会",
      "评审会议纪要",
      "2026年度工程技术高级职称评审会议",
      "2026年1月1日至2028年12月31日",
      "2026年11月20日",
      "应到25人，实到17人",
      "王五（主任委员）",
      "缺席委员（8人）",
      "吴刚",
      "通过1人，未通过2人",
      "建议通过2，不建议1",
      "业绩突出，论文质量较高，建议通过。",
      "工作人员罗晓明",
      "监票人委员4",
      HASH,
      BOX,
    ]) {
      expect(text, v).toContain(v);
    }
  });

  it("runs onto further pages for a long round, with the page number on each", async () => {
    const pdf = await renderMinutesPdf(sample(40));
    const text = pdfText(pdf);
    expect(text).toContain("申报人40");
    expect(text).toContain("第2页");
    expect(text).toContain(HASH);
  });
});
