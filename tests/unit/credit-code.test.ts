import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, normalizeCreditCode, validateCreditCode } from "@/lib/validation/credit-code";

/**
 * Character values (GB 32100-2015): 0–9 → 0–9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22
 * P23 Q24 R25 T26 U27 W28 X29 Y30; weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
 */
const STANDARD_EXAMPLE = "91350100M000100Y43"; // the example printed in GB 32100-2015
const HUAWEI = "914403001922038216"; // 华为技术有限公司
const TENCENT = "9144030071526726XG"; // 深圳市腾讯计算机系统有限公司
const XIAOMI = "91110108551385082Q"; // 小米科技有限责任公司
/** Hand-built Guizhou-style code whose weighted sum is a multiple of 31, so the check character is 0. */
const ZERO_CHECK = "915201000000000140";

const toFullWidth = (s: string) =>
  [...s].map((c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");

function message(raw: string): string {
  const r = validateCreditCode(raw);
  if (r.ok) throw new Error(`expected invalid, got valid ${r.normalized}`);
  return r.message;
}

describe("check character (hand-computed)", () => {
  it("91350100M000100Y43: sum 1640, 1640 mod 31 = 28, 31 − 28 = 3", () => {
    // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M21·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24
    //   + 0·10 + Y30·30 + 4·28 = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640
    expect(creditCodeCheckChar(STANDARD_EXAMPLE.slice(0, 17))).toBe("3");
  });

  it("914403001922038216: sum 831, 831 mod 31 = 25, 31 − 25 = 6", () => {
    // 9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 1·20 + 9·29 + 2·25 + 2·13 + 0·8 + 3·24
    //   + 8·10 + 2·30 + 1·28 = 9 + 3 + 36 + 108 + 78 + 20 + 261 + 50 + 26 + 72 + 80 + 60 + 28 = 831
    expect(creditCodeCheckChar(HUAWEI.slice(0, 17))).toBe("6");
  });

  it("915201000000000140: sum 279 = 9 × 31, so (31 − 0) mod 31 = 0 → '0'", () => {
    // 9·1 + 1·3 + 5·9 + 2·27 + 0·19 + 1·26 + 0 … + 1·30 + 4·28 = 9 + 3 + 45 + 54 + 26 + 30 + 112 = 279
    expect(creditCodeCheckChar(ZERO_CHECK.slice(0, 17))).toBe("0");
  });
});

describe("validateCreditCode", () => {
  it.each([STANDARD_EXAMPLE, HUAWEI, TENCENT, XIAOMI, ZERO_CHECK])("accepts %s", (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, normalized: code });
  });

  it("accepts further codes whose check character is 0", () => {
    let found = 0;
    for (let i = 0; i < 3000 && found < 3; i++) {
      const first17 = `9152010${String(i).padStart(4, "0")}MA6DK2`;
      if (creditCodeCheckChar(first17) !== "0") continue;
      found++;
      expect(validateCreditCode(first17 + "0")).toEqual({ ok: true, normalized: first17 + "0" });
      // …and a letter O typed instead of the digit 0 is named as an illegal character.
      expect(message(first17 + "O")).toMatch(/非法字符“O”/);
    }
    expect(found).toBe(3);
  });

  it("normalises lowercase, full-width characters and spaces", () => {
    expect(validateCreditCode("9144030071526726xg")).toEqual({ ok: true, normalized: TENCENT });
    expect(validateCreditCode(toFullWidth("91350100m000100y43"))).toEqual({ ok: true, normalized: STANDARD_EXAMPLE });
    expect(validateCreditCode(" 91350100 M000100Y4 3\u3000")).toEqual({ ok: true, normalized: STANDARD_EXAMPLE });
    expect(normalizeCreditCode("９１３５　0100m000100y43")).toBe(STANDARD_EXAMPLE);
  });

  it("rejects a wrong check character and names the expected one", () => {
    expect(message("91350100M000100Y44")).toMatch(/校验位错误.*“3”/);
    expect(message("915201000000000141")).toMatch(/校验位错误.*“0”/);
    expect(message("914403001922038217")).toMatch(/“6”/);
  });

  it.each(["I", "O", "Z", "S", "V"])("rejects the unused letter %s", (letter) => {
    const code = STANDARD_EXAMPLE.slice(0, 8) + letter + STANDARD_EXAMPLE.slice(9);
    expect(message(code)).toMatch(new RegExp(`非法字符“${letter}”`));
    expect(message(code.toLowerCase())).toMatch(new RegExp(`非法字符“${letter}”`));
  });

  it("rejects other characters", () => {
    expect(message("91350100-000100Y43")).toMatch(/非法字符“-”/);
    expect(message("91350100中000100Y43")).toMatch(/非法字符“中”/);
  });

  it("rejects wrong lengths and says how long the code was", () => {
    expect(message(STANDARD_EXAMPLE.slice(0, 17))).toMatch(/应为18位，当前为17位/);
    expect(message(STANDARD_EXAMPLE + "0")).toMatch(/当前为19位/);
    // A 15-digit 工商注册号 is not a credit code.
    expect(message("520100000123456")).toMatch(/当前为15位/);
  });

  it("rejects an empty code", () => {
    expect(message("")).toBe("请填写统一社会信用代码");
    expect(message("   ")).toBe("请填写统一社会信用代码");
  });
});
