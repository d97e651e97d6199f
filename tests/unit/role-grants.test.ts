import { afterEach, describe, expect, it } from "vitest";
import { signGrantSwitch, verifyGrantSwitch } from "@/lib/auth/grant-switch";
import { grantLabel, hasGrant, pickActiveGrant, type GrantRow } from "@/lib/auth/grants";

const row = (id: string, over: Partial<GrantRow> = {}): GrantRow => ({
  id,
  role: "person",
  orgId: null,
  orgName: null,
  orgIsCertDivision: false,
  committeeId: null,
  committeeName: null,
  termId: null,
  roundId: null,
  position: null,
  usable: true,
  ...over,
});

const person = row("g-person");
const expert = row("g-expert", { role: "expert", orgId: "o-gzu", orgName: "贵州大学" });
const primary = { role: "person" as const, orgId: null };

describe("the active grant of a session", () => {
  it("is the default grant (users.role / users.org_id) when the token names none", () => {
    const pick = pickActiveGrant([expert, person], primary, null);
    expect(pick).toMatchObject({ ok: true, active: { id: "g-person" } });
    // The switcher lists the default grant first.
    expect(pick.ok && pick.usable.map((g) => g.id)).toEqual(["g-person", "g-expert"]);
  });

  it("is the grant the token names when it is the user's and usable", () => {
    expect(pickActiveGrant([person, expert], primary, "g-expert")).toMatchObject({ ok: true, active: { id: "g-expert", role: "expert" } });
  });

  it("falls back to the default grant when the named grant is no longer usable", () => {
    const pick = pickActiveGrant([person, { ...expert, usable: false }], primary, "g-expert");
    expect(pick).toMatchObject({ ok: true, active: { id: "g-person" } });
    expect(pick.ok && pick.usable.map((g) => g.id)).toEqual(["g-person"]);
  });

  it("falls back to the oldest usable grant when the default grant itself is gone", () => {
    expect(pickActiveGrant([{ ...person, usable: false }, expert], primary, null)).toMatchObject({ ok: true, active: { id: "g-expert" } });
  });

  it("refuses a grant id that is not the user's, and a user with no usable grant", () => {
    expect(pickActiveGrant([person, expert], primary, "g-someone-else")).toEqual({ ok: false, reason: "foreign" });
    expect(pickActiveGrant([{ ...person, usable: false }], primary, null)).toEqual({ ok: false, reason: "none" });
  });
});

describe("grant labels and hasGrant", () => {
  it("labels a grant by role, then committee or organisation, then position", () => {
    expect(grantLabel(person)).toBe("职称申报用户");
    expect(grantLabel(expert)).toBe("评审专家 · 贵州大学");
    expect(grantLabel({ role: "committee_member", orgName: "贵州大学", committeeName: "贵州大学高校教师职称评审委员会", position: "主任委员" })).toBe(
      "评委会成员 · 贵州大学高校教师职称评审委员会 · 主任委员",
    );
  });

  it("finds any of the person's grants, active or not, by role and organisation", () => {
    const user = { grants: [person, expert] };
    expect(hasGrant(user, "expert")).toBe(true);
    expect(hasGrant(user, "expert", { orgId: "o-gzu" })).toBe(true);
    expect(hasGrant(user, "expert", { orgId: "o-other" })).toBe(false);
    expect(hasGrant(user, "committee_member")).toBe(false);
  });
});

describe("the grant switch ticket", () => {
  const saved = process.env.AUTH_SECRET;
  afterEach(() => {
    process.env.AUTH_SECRET = saved;
  });

  it("names the grant for the user it was made for, within a minute", async () => {
    process.env.AUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
    const now = Date.now();
    const ticket = await signGrantSwitch("u-1", "g-expert", now);
    expect(await verifyGrantSwitch(ticket, "u-1", now + 59_000)).toBe("g-expert");
    expect(await verifyGrantSwitch(ticket, "u-1", now + 61_000)).toBeNull();
    expect(await verifyGrantSwitch(ticket, "u-2", now)).toBeNull();
  });

  it("rejects an altered ticket, garbage and a ticket signed with another secret", async () => {
    process.env.AUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
    const ticket = await signGrantSwitch("u-1", "g-expert");
    const [, expires, mac] = ticket.split(".");
    expect(await verifyGrantSwitch(`g-other.${expires}.${mac}`, "u-1")).toBeNull();
    expect(await verifyGrantSwitch(`g-expert.${Number(expires) + 1000}.${mac}`, "u-1")).toBeNull();
    for (const junk of ["", "a.b.c", "g.1.***", 42, null, undefined]) expect(await verifyGrantSwitch(junk, "u-1")).toBeNull();
    process.env.AUTH_SECRET = "another-secret-entirely-0123456789abcdef";
    expect(await verifyGrantSwitch(ticket, "u-1")).toBeNull();
  });
});
