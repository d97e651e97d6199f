import { describe, expect, it } from "vitest";
import { integrityBarMessage, integrityBarUntil, integrityReapplyOn, isBarredOn } from "@/lib/integrity/rules";
import { revokeCertificateSchema } from "@/lib/certificates/schemas";

describe("诚信档案: the 3-year bar from the revocation day", () => {
  it("may declare again on the same day three years later; the day before is the last barred day", () => {
    expect([integrityReapplyOn("2025-03-01"), integrityBarUntil("2025-03-01")]).toEqual(["2028-03-01", "2028-02-29"]);
    expect([integrityReapplyOn("2026-06-15"), integrityBarUntil("2026-06-15")]).toEqual(["2029-06-15", "2029-06-14"]);
    expect([integrityReapplyOn("2025-01-01"), integrityBarUntil("2025-01-01")]).toEqual(["2028-01-01", "2027-12-31"]);
  });

  it("a 29 February revocation ends on 28 February of a common year (its last day is the 27th)", () => {
    expect([integrityReapplyOn("2024-02-29"), integrityBarUntil("2024-02-29")]).toEqual(["2027-02-28", "2027-02-27"]);
    expect([integrityReapplyOn("2028-02-29"), integrityBarUntil("2028-02-29")]).toEqual(["2031-02-28", "2031-02-27"]);
    // 2099 is a common year too.
    expect(integrityBarUntil("2096-02-29")).toBe("2099-02-27");
  });

  it("bars up to and including bar_until, not the day after", () => {
    expect(isBarredOn("2027-02-27", "2027-02-26")).toBe(true);
    expect(isBarredOn("2027-02-27", "2027-02-27")).toBe(true);
    expect(isBarredOn("2027-02-27", "2027-02-28")).toBe(false);
  });

  it("tells the person why and from which day they may declare again", () => {
    expect(integrityBarMessage({ reason: "申报材料弄虚作假。", barUntil: "2028-02-29" })).toBe("您因申报材料弄虚作假被记入诚信档案，在2028年3月1日之前不能申报职称");
    expect(integrityBarMessage({ reason: "论文抄袭", barUntil: "2027-12-31" })).toBe("您因论文抄袭被记入诚信档案，在2028年1月1日之前不能申报职称");
  });
});

describe("the revocation form's schema", () => {
  const id = "0b8f3c1e-9f0a-4c53-8d1e-3f2a1b0c9d8e";
  it("needs a 文号 for a fraud revocation, not for an ordinary one", () => {
    const fraud = revokeCertificateSchema.safeParse({ certificateId: id, kind: "fraud", reason: "材料造假", documentNo: "  " });
    expect(fraud.success).toBe(false);
    expect(fraud.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["documentNo", "请填写撤销文号"]]);
    expect(revokeCertificateSchema.safeParse({ certificateId: id, kind: "ordinary", reason: "证书错发" }).success).toBe(true);
    expect(revokeCertificateSchema.parse({ certificateId: id, reason: "证书错发" }).kind).toBe("ordinary");
    expect(revokeCertificateSchema.safeParse({ certificateId: id, kind: "fraud", reason: "材料造假", documentNo: "黔人社专技〔2026〕3号" }).success).toBe(true);
    expect(revokeCertificateSchema.safeParse({ certificateId: id, kind: "other", reason: "材料造假" }).success).toBe(false);
  });
});
