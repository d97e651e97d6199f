import { describe, expect, it } from "vitest";
import {
  ID_TYPES,
  ID_TYPE_LABELS,
  idCheckChar,
  maskIdNumber,
  normalizeIdNumber,
  validateIdDocument,
  type IdCheck,
} from "@/lib/validation/id-number";

/** Known-valid real-world examples, checked by hand below (GB 11643-1999). */
const BEIJING_1949_F = "11010519491231002X";
const GUANGDONG_1880_M = "440524188001010014";

/** 17 leading digits + the check character the module computes (trusted after the hand checks). */
const withCheck = (first17: string) => first17 + idCheckChar(first17);
/** Same 17 digits with a wrong check character. */
const withWrongCheck = (first17: string) => {
  const right = idCheckChar(first17);
  return first17 + (right === "1" ? "2" : "1");
};
const toFullWidth = (s: string) =>
  [...s].map((c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");

function ok(r: IdCheck) {
  if (!r.ok) throw new Error(`expected valid, got: ${r.message}`);
  return r;
}
function err(r: IdCheck) {
  if (r.ok) throw new Error(`expected invalid, got valid ${r.normalized}`);
  return r.message;
}

describe("check character (hand-computed)", () => {
  it("11010519491231002X: weighted sum 167, 167 mod 11 = 2 → X", () => {
    // 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
    //  = 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4 = 167; "10X98765432"[2] = X
    expect(idCheckChar(BEIJING_1949_F.slice(0, 17))).toBe("X");
  });

  it("440524188001010014: weighted sum 195, 195 mod 11 = 8 → 4", () => {
    // 4·7 + 4·9 + 0·10 + 5·5 + 2·8 + 4·4 + 1·2 + 8·1 + 8·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 0·8 + 0·4 + 1·2
    //  = 28 + 36 + 0 + 25 + 16 + 16 + 2 + 8 + 48 + 0 + 0 + 9 + 0 + 5 + 0 + 0 + 2 = 195; "10X98765432"[8] = 4
    expect(idCheckChar(GUANGDONG_1880_M.slice(0, 17))).toBe("4");
  });

  it("covers every remainder 0–10", () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) {
      seen.add(idCheckChar(`52010219900101${String(seq).padStart(3, "0")}`));
    }
    expect([...seen].sort()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]);
  });
});

describe("normalizeIdNumber", () => {
  it("trims, drops inner spaces (incl. ideographic and tabs), converts full-width and x", () => {
    expect(normalizeIdNumber("  110105 1949 1231 002x ")).toBe(BEIJING_1949_F);
    expect(normalizeIdNumber("110105\u300019491231\t002X")).toBe(BEIJING_1949_F);
    expect(normalizeIdNumber(toFullWidth("11010519491231002x"))).toBe(BEIJING_1949_F);
    expect(normalizeIdNumber("e12345678")).toBe("E12345678");
  });
});

describe("居民身份证 (resident)", () => {
  it("accepts real-world valid numbers and derives birth date and gender", () => {
    expect(ok(validateIdDocument("resident", BEIJING_1949_F))).toEqual({
      ok: true,
      normalized: BEIJING_1949_F,
      birthDate: "1949-12-31",
      gender: "female",
    });
    expect(ok(validateIdDocument("resident", GUANGDONG_1880_M))).toEqual({
      ok: true,
      normalized: GUANGDONG_1880_M,
      birthDate: "1880-01-01",
      gender: "male",
    });
  });

  it("accepts lowercase x, full-width digits and inner spaces", () => {
    expect(ok(validateIdDocument("resident", "11010519491231002x")).normalized).toBe(BEIJING_1949_F);
    expect(ok(validateIdDocument("resident", "１１０１０５１９４９１２３１００２Ｘ")).normalized).toBe(BEIJING_1949_F);
    expect(ok(validateIdDocument("resident", "１１０１０５１９４９１２３１００２ｘ")).normalized).toBe(BEIJING_1949_F);
    expect(ok(validateIdDocument("resident", " 110105 19491231 002X ")).normalized).toBe(BEIJING_1949_F);
    expect(ok(validateIdDocument("resident", "110105\u300019491231\u3000002X")).normalized).toBe(BEIJING_1949_F);
  });

  it("derives gender from the 17th digit (odd = male) for a Guizhou number", () => {
    const male = withCheck("52010219900307123"); // 17th digit 3
    const female = withCheck("52010219900307124"); // 17th digit 4
    expect(ok(validateIdDocument("resident", male))).toMatchObject({ birthDate: "1990-03-07", gender: "male" });
    expect(ok(validateIdDocument("resident", female))).toMatchObject({ birthDate: "1990-03-07", gender: "female" });
  });

  it("accepts a check character of 0 and of X computed for Guizhou numbers", () => {
    let zero: string | undefined;
    let x: string | undefined;
    for (let seq = 0; seq < 1000 && (!zero || !x); seq++) {
      const first17 = `52262219850612${String(seq).padStart(3, "0")}`;
      if (!zero && idCheckChar(first17) === "0") zero = first17 + "0";
      if (!x && idCheckChar(first17) === "X") x = first17 + "X";
    }
    expect(ok(validateIdDocument("resident", zero!)).normalized).toBe(zero);
    expect(ok(validateIdDocument("resident", x!.toLowerCase())).normalized).toBe(x);
  });

  it("rejects a wrong check character and names the expected one", () => {
    expect(err(validateIdDocument("resident", "110105194912310021"))).toMatch(/校验位错误.*“X”/);
    expect(err(validateIdDocument("resident", "440524188001010015"))).toMatch(/校验位错误.*“4”/);
    expect(err(validateIdDocument("resident", withWrongCheck("52010219900307123")))).toMatch(/校验位/);
  });

  it("rejects impossible birth dates", () => {
    // Feb 30, Feb 29 in a non-leap year, month 13, day 00, day 32, April 31
    for (const date of ["19900230", "19990229", "19901301", "19900100", "19900132", "19900431"]) {
      const id = withCheck(`520102${date}123`);
      expect(err(validateIdDocument("resident", id)), date).toMatch(/出生日期.*不是有效日期/);
    }
    // Feb 29 in a leap year is fine (2000 is a leap year: divisible by 400).
    expect(ok(validateIdDocument("resident", withCheck("52010220000229123"))).birthDate).toBe("2000-02-29");
  });

  it("rejects future birth dates and implausibly early ones (before 1800)", () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(err(validateIdDocument("resident", withCheck(`520102${nextYear}0101123`)))).toMatch(/出生日期/);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
    expect(err(validateIdDocument("resident", withCheck(`520102${tomorrow}123`)))).toMatch(/出生日期/);
    expect(err(validateIdDocument("resident", withCheck("52010217991231123")))).toMatch(/出生日期/);
    expect(err(validateIdDocument("resident", withCheck("52010200000101123")))).toMatch(/出生日期/);
  });

  it("rejects wrong lengths and says how long the number was", () => {
    expect(err(validateIdDocument("resident", BEIJING_1949_F.slice(0, 17)))).toMatch(/应为18位，当前为17位/);
    expect(err(validateIdDocument("resident", BEIJING_1949_F + "1"))).toMatch(/当前为19位/);
    // First-generation 15-digit numbers are not accepted.
    expect(err(validateIdDocument("resident", "110105491231002"))).toMatch(/当前为15位/);
  });

  it("rejects letters other than a final X", () => {
    expect(err(validateIdDocument("resident", "11010519491231A02X"))).toMatch(/前17位必须是数字/);
    expect(err(validateIdDocument("resident", "11010519491231002Y"))).toMatch(/最后一位是数字或X/);
    expect(err(validateIdDocument("resident", "1101051949-231002X"))).toMatch(/前17位必须是数字/);
  });

  it("rejects an empty number", () => {
    expect(err(validateIdDocument("resident", ""))).toBe("请填写证件号码");
    expect(err(validateIdDocument("resident", "  \u3000 "))).toBe("请填写证件号码");
  });

  it("rejects invalid region prefixes and redirects HMT permits to their own type", () => {
    expect(err(validateIdDocument("resident", withCheck("01010219900101123")))).toMatch(/地区码无效/);
    expect(err(validateIdDocument("resident", withCheck("91010219900101123")))).toMatch(/地区码无效/);
    expect(err(validateIdDocument("resident", withCheck("81000019900101123")))).toMatch(/港澳台居民居住证/);
  });
});

describe("港澳台居民居住证 (hmt_permit)", () => {
  it.each([
    ["810000", "香港"],
    ["820000", "澳门"],
    ["830000", "台湾"],
  ])("accepts prefix %s (%s) with derived birth date and gender", (prefix) => {
    const id = withCheck(`${prefix}19880808002`);
    expect(ok(validateIdDocument("hmt_permit", id))).toEqual({
      ok: true,
      normalized: id,
      birthDate: "1988-08-08",
      gender: "female",
    });
    const male = withCheck(`${prefix}19880808011`);
    expect(ok(validateIdDocument("hmt_permit", male.toLowerCase())).gender).toBe("male");
  });

  it("rejects other prefixes, including ordinary resident numbers", () => {
    expect(err(validateIdDocument("hmt_permit", withCheck("84000019880808002")))).toMatch(/810000.*820000.*830000/);
    expect(err(validateIdDocument("hmt_permit", withCheck("81010019880808002")))).toMatch(/应以810000/);
    expect(err(validateIdDocument("hmt_permit", BEIJING_1949_F))).toMatch(/应以810000/);
  });

  it("applies the same date and check-character rules", () => {
    expect(err(validateIdDocument("hmt_permit", withCheck("81000019880230002")))).toMatch(/出生日期/);
    expect(err(validateIdDocument("hmt_permit", withWrongCheck("82000019880808002")))).toMatch(/校验位/);
    expect(err(validateIdDocument("hmt_permit", "8100001988080800"))).toMatch(/当前为16位/);
  });
});

describe("外国人永久居留身份证 (foreign_permanent, 2023 format)", () => {
  // 9 + 2-digit province (52 贵州) + 3-digit nationality (840) + birth date + 3-digit sequence + check
  const first17 = "95284019850315001";

  it("accepts an 18-digit number starting with 9 and derives birth date and gender", () => {
    const id = withCheck(first17);
    expect(ok(validateIdDocument("foreign_permanent", id))).toEqual({
      ok: true,
      normalized: id,
      birthDate: "1985-03-15",
      gender: "male",
    });
    expect(ok(validateIdDocument("foreign_permanent", withCheck("95284019850315002"))).gender).toBe("female");
  });

  it("rejects numbers not starting with 9, the old 15-character format, bad dates and bad check characters", () => {
    expect(err(validateIdDocument("foreign_permanent", BEIJING_1949_F))).toMatch(/应以9开头/);
    expect(err(validateIdDocument("foreign_permanent", "USA520185031501"))).toMatch(/应为18位/);
    expect(err(validateIdDocument("foreign_permanent", withCheck("95284019850230001")))).toMatch(/出生日期/);
    expect(err(validateIdDocument("foreign_permanent", withWrongCheck(first17)))).toMatch(/校验位/);
  });
});

describe("护照 (passport)", () => {
  it("accepts 5–17 letters or digits, normalised to upper case", () => {
    expect(ok(validateIdDocument("passport", "E12345678"))).toEqual({ ok: true, normalized: "E12345678" });
    expect(ok(validateIdDocument("passport", " e1234 5678 ")).normalized).toBe("E12345678");
    expect(ok(validateIdDocument("passport", "ｐａ１２３４５")).normalized).toBe("PA12345");
    expect(ok(validateIdDocument("passport", "A1234")).normalized).toBe("A1234");
    expect(ok(validateIdDocument("passport", "A".repeat(17))).normalized).toBe("A".repeat(17));
  });

  it("derives no birth date or gender", () => {
    const r = ok(validateIdDocument("passport", "G12345678"));
    expect(r.birthDate).toBeUndefined();
    expect(r.gender).toBeUndefined();
  });

  it("rejects too short, too long and punctuation", () => {
    expect(err(validateIdDocument("passport", "A123"))).toMatch(/5–17位/);
    expect(err(validateIdDocument("passport", "A".repeat(18)))).toMatch(/5–17位/);
    expect(err(validateIdDocument("passport", "E-1234567"))).toMatch(/5–17位/);
    expect(err(validateIdDocument("passport", "护照1234567"))).toMatch(/5–17位/);
    expect(err(validateIdDocument("passport", ""))).toBe("请填写证件号码");
  });
});

describe("maskIdNumber", () => {
  it("keeps the first and last four characters of an 18-character number", () => {
    expect(maskIdNumber("52010219900101123X")).toBe("5201**********123X");
    expect(maskIdNumber(BEIJING_1949_F)).toBe("1101**********002X");
    expect(maskIdNumber(BEIJING_1949_F)).toHaveLength(18);
  });

  it("masks short documents too and never leaks the middle", () => {
    expect(maskIdNumber("E12345678")).toBe("E123*5678");
    expect(maskIdNumber("E1234567")).toBe("E1******");
    expect(maskIdNumber("A1234")).toBe("A1***");
  });

  it("returns an empty string for missing values", () => {
    expect(maskIdNumber(null)).toBe("");
    expect(maskIdNumber(undefined)).toBe("");
    expect(maskIdNumber("")).toBe("");
  });
});

describe("labels", () => {
  it("has a Chinese label for every type", () => {
    expect(ID_TYPES.map((t) => ID_TYPE_LABELS[t])).toEqual(["居民身份证", "港澳台居民居住证", "外国人永久居留身份证", "护照"]);
  });
});
