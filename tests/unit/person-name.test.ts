import { describe, expect, it } from "vitest";
import { normalizePersonName, personNamesMatch } from "@/lib/identity/person-name";

describe("person names are compared after normalisation (docs/domain.md §11)", () => {
  it("ignores surrounding and full-width spaces, full-width letters and Latin case", () => {
    expect(normalizePersonName("　张三 ")).toBe("张三");
    expect(personNamesMatch("ＭＡＲＹ　Ｏ'ＮＥＩＬ", "Mary O'Neil")).toBe(true);
  });

  it("treats every middle-dot glyph of a transliterated name as the same 间隔号", () => {
    for (const dot of ["·", "•", "・", "‧", "･", "∙", "⋅"]) expect(personNamesMatch(`阿卜杜拉${dot}买买提`, "阿卜杜拉·买买提"), dot).toBe(true);
    expect(personNamesMatch("阿卜杜拉 · 买买提", "阿卜杜拉·买买提")).toBe(true);
  });

  it("composes decomposed characters (NFC) before comparing", () => {
    expect(personNamesMatch("Jose\u0301", "José")).toBe(true);
  });

  it("does not match different names, or an empty name", () => {
    expect(personNamesMatch("冒名者", "张三")).toBe(false);
    expect(personNamesMatch("张三", "张 三")).toBe(false);
    expect(personNamesMatch("", "")).toBe(false);
  });
});
