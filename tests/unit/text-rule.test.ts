import { describe, expect, it } from "vitest";
import { personRegistrationSchema } from "@/lib/accounts/schemas";
import { isValidActionReply, isValidMultipartReply, isValidRouterStateHeader, isWellFormedPath } from "@/lib/http/malformed-request";
import { convertGender } from "@/lib/roster/cells";
import { checkText, findForbiddenChar, safeText, visibleText } from "@/lib/validation/text";

const name = safeText({ label: "姓名", max: 50 });
const reason = safeText({ label: "退回原因", multiline: true });

function messageOf(schema: typeof name, value: string): string | undefined {
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error.issues[0].message;
}

describe("the text rule (docs/domain.md §10)", () => {
  it.each([
    ["NUL", "张\u0000三", "U+0000"],
    ["a C0 control (ESC of an ANSI colour)", "张三\u001b[31m", "U+001B"],
    ["DEL", "张\u007f三", "U+007F"],
    ["a C1 control", "张\u0085三", "U+0085"],
    ["a line feed in a single-line field", "张\n三", "U+000A"],
    ["right-to-left override", "张\u202e三", "U+202E"],
    ["left-to-right embedding", "\u202a张三", "U+202A"],
    ["a bidi isolate", "张\u2066三\u2069", "U+2066"],
    ["the right-to-left mark", "张\u200f三", "U+200F"],
    ["zero-width space", "张\u200b三", "U+200B"],
    ["zero-width joiner", "张\u200d三", "U+200D"],
    ["word joiner", "张\u2060三", "U+2060"],
    ["byte-order mark", "\ufeff张三", "U+FEFF"],
    ["a line separator", "张\u2028三", "U+2028"],
    ["a lone high surrogate", "张\ud800三", "U+D800"],
    ["a lone low surrogate", "张\udc00", "U+DC00"],
  ])("refuses %s, naming the field and the code point", (_, value, code) => {
    expect(messageOf(name, value)).toBe(`姓名包含不可见或控制字符（${code}），请删除后重新输入`);
  });

  it("keeps the middle dot of minority and foreign names, and other scripts", () => {
    for (const ok of ["阿依古丽·买买提", "Mary-Jane O'Neil", "𠮷野家", "Zoë", "김민준"]) expect(name.parse(ok)).toBe(ok);
  });

  it("normalises to NFC and trims", () => {
    expect(name.parse("  Zoe\u0308 ")).toBe("Zo\u00eb");
  });

  it("lets a multi-line field keep line breaks and tabs, but not other controls", () => {
    expect(reason.parse("第一行\r\n第二行\t补充")).toBe("第一行\r\n第二行\t补充");
    expect(reason.safeParse("原因\u0000").success).toBe(false);
  });

  it("allows ZWJ only where the field asks for it", () => {
    expect(findForbiddenChar("a\u200db", { allowZwj: true })).toBeNull();
    expect(findForbiddenChar("a\u200db")).toBe(0x200d);
  });

  it("reports only the character problem, not the length, for a refused value", () => {
    const r = name.safeParse("\u0000".repeat(100));
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(["姓名包含不可见或控制字符（U+0000），请删除后重新输入"]);
  });

  it("gives callers outside zod the same answer", () => {
    expect(checkText(" 张三 ", "联系人")).toEqual({ ok: true, value: "张三" });
    expect(checkText("张\u202e三", "联系人")).toMatchObject({ ok: false, message: "联系人包含不可见或控制字符（U+202E），请删除后重新输入" });
  });

  it("shows refused characters in reports by their code point", () => {
    expect(visibleText("张\u0000三\u202e")).toBe("张<U+0000>三<U+202E>");
    expect(convertGender("男\u0000")).toEqual({ error: "性别“男<U+0000>”无效，只能是：男、女" });
  });

  it("applies to the registration form's name", () => {
    const r = personRegistrationSchema.safeParse({ name: "张\u0000三" });
    expect(r.success ? [] : r.error.issues.filter((i) => i.path[0] === "name").map((i) => i.message)).toEqual([
      "姓名包含不可见或控制字符（U+0000），请删除后重新输入",
    ]);
  });
});

describe("malformed requests are recognised before Next.js sees them", () => {
  it("refuses bad percent-escapes and escaped control characters in the path", () => {
    expect(isWellFormedPath("/hrss/confirm/%FF")).toBe(false);
    expect(isWellFormedPath("/verify/%E0%A4%A")).toBe(false);
    expect(isWellFormedPath("/api/photos/%00")).toBe(false);
    expect(isWellFormedPath("/verify/%E2%80%AE")).toBe(false);
    expect(isWellFormedPath("/verify/abc-DEF_123")).toBe(true);
    expect(isWellFormedPath("/person/%E5%BC%A0")).toBe(true);
  });

  it("accepts the router state tree Next sends and refuses junk", () => {
    const tree = encodeURIComponent(JSON.stringify(["", { children: ["verify", { children: [["token", "abc", "d", null], { children: ["__PAGE__", {}, null, null] }] }] }, null, "refetch"]));
    expect(isValidRouterStateHeader(tree)).toBe(true);
    expect(isValidRouterStateHeader("%E0%A4%A")).toBe(false);
    expect(isValidRouterStateHeader("{}")).toBe(false);
    expect(isValidRouterStateHeader('["",{"children":5}]')).toBe(false);
    expect(isValidRouterStateHeader("x".repeat(50_000))).toBe(false);
  });

  it("accepts the plain replies encodeReply writes and refuses unknown $ references", () => {
    expect(isValidActionReply('[{"name":"$$ok","n":"$undefined","d":"$D2020-01-01T00:00:00.000Z"}]')).toBe(true);
    expect(isValidActionReply('["$1"]')).toBe(false);
    expect(isValidActionReply('["$Q0"]')).toBe(false);
    expect(isValidActionReply('["$@"]')).toBe(false);
    expect(isValidActionReply("{not json")).toBe(false);
    expect(isValidActionReply('""')).toBe(false); // not the array of arguments
    expect(isValidActionReply("[]")).toBe(true);
  });

  it("accepts a form action's multipart reply (a FormData argument sent as `_1_<field>`) and refuses a dangling reference", async () => {
    const post = (fields: [string, string][]) => {
      const form = new FormData();
      for (const [k, v] of fields) form.append(k, v);
      return new Request("http://localhost/person", { method: "POST", body: form });
    };
    // What React 19 sends for useActionState(prev, formData): the form's fields, then row 0.
    expect(await isValidMultipartReply(post([["_1_grantId", "7125fb29-f56a-41e8-a251-0b401fb6516e"], ["0", '[null,"$K1"]']]))).toBe(true);
    expect(await isValidMultipartReply(post([["0", '[null,"$K1"]']]))).toBe(true); // an empty form
    expect(await isValidMultipartReply(post([["0", '[null,"$7"]']]))).toBe(false);
  });
});
