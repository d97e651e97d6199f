import { describe, expect, it } from "vitest";
import { verifyCaptchaPayload } from "@/lib/captcha/pow";
import { holderQuerySchema, publicQuerySchema, queryKeysOf, TWO_OF_THREE_MESSAGE } from "@/lib/query/schemas";
import { tooFrequentMessage } from "@/lib/query/limits";
import { maskIdNumber } from "@/lib/validation/id-number";

const captcha = { captcha: "eyJjaGFsbGVuZ2UiOnt9fQ==" };

describe("the any-two query form", () => {
  it("accepts any two of 姓名 / 证件号码 / 证书编号", () => {
    expect(holderQuerySchema.safeParse({ name: "张三", idNumber: "520102199003150014" }).success).toBe(true);
    expect(holderQuerySchema.safeParse({ name: "张三", certNo: "522021232002000011" }).success).toBe(true);
    expect(holderQuerySchema.safeParse({ idNumber: "520102199003150014", certNo: "522021232002000011" }).success).toBe(true);
  });

  it("refuses fewer than two facts (blank ones do not count) with one form-level message", () => {
    for (const input of [{}, { name: "张三" }, { name: "张三", idNumber: "   ", certNo: "　" }]) {
      const r = holderQuerySchema.safeParse(input);
      expect(r.success).toBe(false);
      expect(r.error?.issues).toEqual([expect.objectContaining({ path: ["_form"], message: TWO_OF_THREE_MESSAGE })]);
    }
  });

  it("normalises what was typed: spaces in names, full-width and lower-case ID numbers and certificate numbers", () => {
    expect(queryKeysOf({ name: " 张 三 ", idNumber: "５２０１０２１９９００３１５００１ｘ", certNo: " 52202123200200001x " })).toEqual({
      name: "张三",
      idNumber: "52010219900315001X",
      certNo: "52202123200200001X",
    });
  });

  it("checks the shape of a certificate number and requires the captcha on the public form", () => {
    expect(holderQuerySchema.safeParse({ name: "张三", certNo: "52202123" }).error?.issues[0]).toMatchObject({ path: ["certNo"] });
    expect(publicQuerySchema.safeParse({ name: "张三", idNumber: "520102199003150014" }).success).toBe(false);
    expect(publicQuerySchema.safeParse({ name: "张三", idNumber: "520102199003150014", ...captcha }).success).toBe(true);
  });
});

describe("captcha and limits", () => {
  it("refuses a captcha payload that is not a solved challenge, without throwing", async () => {
    for (const raw of ["", "not base64 !", Buffer.from("null").toString("base64"), captcha.captcha, "A".repeat(5000)]) {
      expect(await verifyCaptchaPayload(raw)).toBeNull();
    }
  });

  it("tells the visitor the wait in whole minutes", () => {
    expect(tooFrequentMessage(1)).toBe("查询过于频繁，请1分钟后再试");
    expect(tooFrequentMessage(600)).toBe("查询过于频繁，请10分钟后再试");
    expect(tooFrequentMessage(601)).toBe("查询过于频繁，请11分钟后再试");
  });

  it("masks the ID number as 5201**********0014 in every public view", () => {
    expect(maskIdNumber("520102199003150014")).toBe("5201**********0014");
  });
});
