import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPdfDownloadable } from "@/lib/certificates/eligibility";
import {
  getCertificateSigningSecret,
  isWellFormedVerifyToken,
  newVerifyToken,
  signCertificate,
  verifySignature,
  type SignedFields,
} from "@/lib/certificates/token";
import { splitCjkForLineBreaks } from "@/lib/pdf/fonts";
import { hasFallbackFont } from "@/lib/pdf/font-files";
import { certificateGlyphIssues, classifyGlyphs, findMissingGlyphs } from "@/lib/pdf/glyph-coverage";
import { MAX_CERTIFICATE_PDF_BYTES, renderCertificatePdf } from "@/lib/pdf/render-certificate";
import { makeTestPhoto, sampleCertificate } from "../fixtures/certificate";

// poppler-utils (pdftotext, pdfinfo): installed on the dev machines and in CI.
const PDFTOTEXT = "pdftotext";
const tmp = mkdtempSync(path.join(os.tmpdir(), "cert-pdf-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * The PDF's text in content-stream order (-raw keeps rotated text such as the watermark in one
 * piece), with all whitespace removed (letter-spaced titles come out with spaces).
 */
function pdfText(pdf: Buffer, name: string): string {
  return pdfLines(pdf, name).join("").replace(/\s+/g, "");
}

function pdfLines(pdf: Buffer, name: string): string[] {
  const file = path.join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(PDFTOTEXT, ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).split("\n");
}

describe("PDF e-certificate", () => {
  let photo: Buffer;
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    // A photo at the top of the photo rule (≈ 60 KB), the hardest case for the size limit.
    photo = await makeTestPhoto(24, 95);
    pdf = await renderCertificatePdf(sampleCertificate(photo));
    text = pdfText(pdf, "sample");
  }, 60_000);

  it("is one A4 page whose text holds the holder's rare-character name, the certificate number and the title", () => {
    const info = execFileSync("pdfinfo", [path.join(tmp, "sample.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(text).toContain("王堃喆");
    expect(text).toContain("522020080001000013");
    expect(text).toContain("专业技术职务任职资格证书");
    expect(text).toContain("高级工程师");
  });

  it("prints every certificate field, the full ID number for its holder, the issuer and the issue date", () => {
    for (const value of [
      "男", "1985年3月12日", "居民身份证", "520102198503121231", "贵州省建筑设计研究院有限责任公司",
      "工程技术", "建筑工程", "副高级", "评审", "2020年12月18日",
      "贵州省工程技术系列建筑工程专业高级职称评审委员会", "黔人社职称〔2021〕12号",
      "贵州省人力资源和社会保障厅", "2021年1月15日", "版本V1",
    ]) {
      expect(text).toContain(value);
    }
  });

  it("tells the reader how to verify it, with the verification address printed beside the QR code", () => {
    expect(text).toContain("扫描二维码或访问");
    expect(text).toContain("https://zhicheng.example.cn/verify/q7Jd0vR3mX9kLw2aZb8cTf1e");
    expect(text).toContain("核验证书真伪");
  });

  it("stays within 100 KB with a 60 KB photo, embedding the photo and only a subset of the font", () => {
    expect(photo.length).toBeGreaterThan(55_000);
    expect(pdf.length).toBeLessThanOrEqual(100 * 1024);
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(raw).toContain("/Subtype /Image");
  });

  it("stays within 100 KB even when long names and units add many distinct characters", async () => {
    const long = await renderCertificatePdf(
      sampleCertificate(photo, {
        name: "欧阳昇镕",
        workUnit: "黔西南布依族苗族自治州兴义市第三中学暨国家级职业教育示范性实训基地建筑工程系",
        committeeName: "贵州省中小学教师系列数学学科高级职称评审委员会（黔西南州教育局组建）",
        specialty: "初中数学教育与信息技术融合",
        approvalNo: "黔教人职评〔2022〕第358号",
      }),
    );
    expect(long.length).toBeLessThanOrEqual(100 * 1024);
    expect(pdfText(long, "many-glyphs")).toContain("欧阳昇镕");
  });

  it("wraps a long Chinese value without inserting hyphens", async () => {
    const workUnit = "贵州省黔东南苗族侗族自治州凯里市人民医院（凯里学院附属医院）心血管内科重症监护病区";
    const long = await renderCertificatePdf(sampleCertificate(null, { workUnit }));
    const lines = pdfLines(long, "long");
    const first = lines.find((l) => l.includes("贵州省黔东南"));
    expect(first, "the value wraps inside its cell").not.toContain("病区");
    const t = lines.join("").replace(/\s+/g, "");
    expect(t).toContain(workUnit);
    expect(t).not.toMatch(/[\u4e00-\u9fff（）]-[\u4e00-\u9fff（）]/);
  });

  it("marks a revoked certificate with a 已撤销 watermark and renders without a photo", async () => {
    const revoked = await renderCertificatePdf(sampleCertificate(null, { status: "revoked" }));
    expect(pdfText(revoked, "revoked")).toContain("已撤销");
    expect(pdfText(pdf, "sample-again")).not.toContain("已撤销");
  });

  it("refuses a relative verification URL, which a printed QR code could not open", async () => {
    await expect(renderCertificatePdf(sampleCertificate(null, { verifyUrl: "/verify/abc" }))).rejects.toThrow(/absolute/);
  });
});

describe("CJK font coverage and line breaking", () => {
  it("draws rare name characters 堃 喆 昇 镕 〇 䶮 and every character the template prints", () => {
    const template =
      "贵州省人力资源和社会保障厅专业技术职务任职资格证书证书编号：姓名性别出生日期证件类型号码工作单位系列专业" +
      "资格名称级别取得方式评审通过时间评委会名称批准文号发证机关日期照片扫描二维码或访问核验真伪及当前状态" +
      "以在线结果为准版本经考试合格审核认定同志具备任职资格。特发此证已撤销更正（）〔〕年月日0123456789X";
    expect(findMissingGlyphs("堃喆昇镕〇䶮")).toEqual([]);
    expect(findMissingGlyphs(template)).toEqual([]);
  });

  it("reports a character outside the font (CJK Extension B) so callers can warn before printing", () => {
    expect(findMissingGlyphs("吉𠮷")).toEqual(["𠮷"]);
  });

  it("draws every rare name character — 𠮷 (Extension B) from the fallback font — and embeds both fonts", async () => {
    expect(hasFallbackFont(), "the fallback font package @expo-google-fonts/noto-serif-jp is installed").toBe(true);
    const name = "𠮷野家䶮堃喆昇镕";
    expect(classifyGlyphs(name)).toEqual({ notInMainFont: ["𠮷"], uncovered: [] });
    const pdf = await renderCertificatePdf(sampleCertificate(null, { name, workUnit: "贵州省𠮷野家镕业有限公司" }));
    const text = pdfText(pdf, "fallback");
    expect(text).toContain(name);
    expect(text).toContain("贵州省𠮷野家镕业有限公司");
    const fonts = execFileSync("pdffonts", [path.join(tmp, "fallback.pdf")], { encoding: "utf8" });
    expect(fonts).toMatch(/NotoSerifSC/);
    expect(fonts).toMatch(/NotoSerifJP/);
    expect(pdf.length).toBeLessThanOrEqual(MAX_CERTIFICATE_PDF_BYTES);
  }, 60_000);

  it("warns about a character only the fallback font has, and refuses one no embedded font has", () => {
    const issues = certificateGlyphIssues([
      { key: "name", label: "姓名", value: "𠮷野" },
      { key: "workUnit", label: "工作单位", value: "贵州省人民医院" },
    ]);
    expect(issues).toEqual({ warnings: ["姓名中的“𠮷”不在证书字体中，将使用备用字体显示"], errors: {} });
    // U+2A6D6, the last character of Extension B: in neither font.
    const none = certificateGlyphIssues([{ key: "name", label: "姓名", value: "王\u{2A6D6}" }]);
    expect(none.errors).toEqual({ name: "姓名中的“\u{2A6D6}”证书字体均无法显示，打印时将是空白方框，请核对后改用规范字" });
  });

  it("splits Chinese into single characters, keeping closing punctuation with the previous one and Latin runs whole", () => {
    expect(splitCjkForLineBreaks("评审通过，具备")).toEqual(["评", "", "审", "", "通", "", "过，", "", "具", "", "备"]);
    expect(splitCjkForLineBreaks("黔人社〔2021〕12号")).toEqual(["黔", "", "人", "", "社", "", "〔2021〕", "", "12", "", "号"]);
    expect(splitCjkForLineBreaks("ABC123")).toEqual(["ABC123"]);
  });
});

describe("download eligibility", () => {
  it("offers the PDF for 评审通过时间 in 2020 or later and only viewing before", () => {
    expect(isPdfDownloadable("2020-01-01")).toBe(true);
    expect(isPdfDownloadable("2023-06")).toBe(true);
    expect(isPdfDownloadable("2019-12-31")).toBe(false);
    expect(isPdfDownloadable("")).toBe(false);
  });
});

describe("verification tokens and certificate signatures", () => {
  const secret = "test-secret-0123456789-abcdefghijklmnop";
  const fields: SignedFields = {
    certNo: "522020080001000013",
    certificateVersion: 1,
    name: "王堃喆",
    gender: "male",
    birthDate: "1985-03-12",
    idType: "resident",
    idNumber: "520102198503121231",
    workUnit: "贵州省建筑设计研究院有限责任公司",
    series: "工程技术",
    specialty: "建筑工程",
    qualificationName: "高级工程师",
    level: "senior_deputy",
    obtainMethod: "review",
    passDate: "2020-12-18",
    committeeName: "贵州省工程技术系列建筑工程专业高级职称评审委员会",
    approvalNo: "黔人社职称〔2021〕12号",
    issuingAuthority: "贵州省人力资源和社会保障厅",
    issueDate: "2021-01-15",
  };

  it("issues random 144-bit tokens in base64url that never repeat", () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => newVerifyToken()));
    expect(tokens.size).toBe(2000);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(t, "base64url").length * 8).toBeGreaterThanOrEqual(128);
      expect(isWellFormedVerifyToken(t)).toBe(true);
    }
    expect(isWellFormedVerifyToken("522020080001000013")).toBe(false);
    expect(isWellFormedVerifyToken("../../etc/passwd")).toBe(false);
  });

  it("verifies an untouched certificate and ignores how the ID number was typed", () => {
    const sig = signCertificate(fields, secret);
    expect(sig).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
    expect(verifySignature(fields, sig, secret)).toBe(true);
    expect(verifySignature({ ...fields, idNumber: "５２０１０２１９８５０３１２１２３１ " }, sig, secret)).toBe(true);
  });

  it("shows a certificate as invalid when any signed field was altered after signing", () => {
    const sig = signCertificate(fields, secret);
    for (const key of Object.keys(fields) as (keyof SignedFields)[]) {
      const tampered = { ...fields, [key]: key === "certificateVersion" ? 2 : `${fields[key]}1` };
      expect(verifySignature(tampered, sig, secret), key).toBe(false);
    }
  });

  it("rejects a signature made with another secret, and malformed or re-spelled signatures", () => {
    const sig = signCertificate(fields, secret);
    expect(verifySignature(fields, signCertificate(fields, `${secret}x`), secret)).toBe(false);
    expect(verifySignature(fields, sig, `${secret}x`)).toBe(false);
    expect(verifySignature(fields, "", secret)).toBe(false);
    expect(verifySignature(fields, sig.slice(0, -2), secret)).toBe(false);
    expect(verifySignature(fields, `${sig}!`, secret)).toBe(false);
    expect(verifySignature(fields, sig.replace("v1.", "v2."), secret)).toBe(false);
  });

  it("takes the secret from CERT_SIGNING_SECRET, else AUTH_SECRET, and refuses a missing or short one", () => {
    const a = "a".repeat(32);
    const b = "b".repeat(32);
    expect(getCertificateSigningSecret({ CERT_SIGNING_SECRET: a, AUTH_SECRET: b })).toBe(a);
    expect(getCertificateSigningSecret({ AUTH_SECRET: b })).toBe(b);
    expect(() => getCertificateSigningSecret({})).toThrow(/CERT_SIGNING_SECRET/);
    expect(() => getCertificateSigningSecret({ CERT_SIGNING_SECRET: "short" })).toThrow();
  });
});
