import { describe, expect, it } from "vitest";
import { CERTIFICATE_STATUSES, ORG_STATUSES } from "@/db/schema/enums";
import { oneOf } from "@/lib/http/search-params";

describe("an enum query parameter (oneOf)", () => {
  it("accepts exactly the enum's values", () => {
    expect(oneOf(CERTIFICATE_STATUSES, "revoked")).toBe("revoked");
    expect(oneOf(ORG_STATUSES, ["pending", "active"])).toBe("pending");
  });

  it("treats anything else as absent, inherited object keys included, so it never reaches the SQL enum", () => {
    for (const v of ["toString", "constructor", "__proto__", "hasOwnProperty", "REVOKED", "", undefined]) {
      expect(oneOf(CERTIFICATE_STATUSES, v)).toBeUndefined();
    }
  });
});
