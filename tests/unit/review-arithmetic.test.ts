/**
 * The quorum and pass arithmetic of a review round (docs/domain.md §17 "Tally"; EVALUATION §4.5, §4.7, §7),
 * at its boundaries: integers only, ⅔ as `3 × a ≥ 2 × b`.
 */
import { describe, expect, it } from "vitest";
import { decideCandidate, hasQuorum, isDecidable, passes, quorumNeeded, yesNeeded } from "@/lib/review-rounds/arithmetic";

describe("quorum: 3 × present ≥ 2 × members", () => {
  it("25 members: 16 present is short of a quorum, 17 makes it", () => {
    expect(hasQuorum(16, 25)).toBe(false);
    expect(hasQuorum(17, 25)).toBe(true);
    expect(quorumNeeded(25)).toBe(17);
  });
  it("exactly two thirds is enough (27 members: 18 present), one fewer is not", () => {
    expect(hasQuorum(18, 27)).toBe(true);
    expect(hasQuorum(17, 27)).toBe(false);
    expect(quorumNeeded(27)).toBe(18);
  });
  it("11 members need 8; 7 members need 5; a round without members never has a quorum", () => {
    expect([hasQuorum(7, 11), hasQuorum(8, 11)]).toEqual([false, true]);
    expect([hasQuorum(4, 7), hasQuorum(5, 7)]).toEqual([false, true]);
    expect(hasQuorum(0, 0)).toBe(false);
  });
  it("refuses non-integers and negatives instead of rounding them", () => {
    expect(() => hasQuorum(16.5, 25)).toThrow(RangeError);
    expect(() => hasQuorum(-1, 25)).toThrow(RangeError);
  });
});

describe("pass: 3 × yes ≥ 2 × eligible present", () => {
  it("17 present, none blocked: 11 同意 fails, 12 passes", () => {
    expect(passes(11, 17)).toBe(false);
    expect(passes(12, 17)).toBe(true);
    expect(yesNeeded(17)).toBe(12);
    expect(decideCandidate({ members: 25, present: 17, blocked: 0, yes: 11, no: 6, abstain: 0 })).toEqual({ eligiblePresent: 17, result: "failed" });
    expect(decideCandidate({ members: 25, present: 17, blocked: 0, yes: 12, no: 5, abstain: 0 })).toEqual({ eligiblePresent: 17, result: "passed" });
  });
  it("with one member blocked for that candidate the bar counts only the eligible: 19 present, 1 blocked → 18 eligible, 11 同意 fail, 12 pass (13 would be needed without the block)", () => {
    expect(decideCandidate({ members: 25, present: 19, blocked: 1, yes: 11, no: 7, abstain: 0 })).toEqual({ eligiblePresent: 18, result: "failed" });
    expect(decideCandidate({ members: 25, present: 19, blocked: 1, yes: 12, no: 6, abstain: 0 })).toEqual({ eligiblePresent: 18, result: "passed" });
    expect(decideCandidate({ members: 25, present: 19, blocked: 0, yes: 12, no: 7, abstain: 0 }).result).toBe("failed");
    expect(yesNeeded(19)).toBe(13);
  });
  it("弃权 and members who did not vote count as not 同意", () => {
    expect(decideCandidate({ members: 25, present: 18, blocked: 0, yes: 11, no: 0, abstain: 7 }).result).toBe("failed");
    expect(decideCandidate({ members: 25, present: 18, blocked: 0, yes: 11, no: 0, abstain: 0 }).result).toBe("failed");
    expect(decideCandidate({ members: 25, present: 18, blocked: 0, yes: 12, no: 0, abstain: 0 }).result).toBe("passed");
  });
});

describe("decided only when 3 × eligible present ≥ 2 × members, else deferred", () => {
  it("25 members, 17 present, one blocked: 16 eligible is below 17, so the candidate is deferred even with 16 同意", () => {
    expect(isDecidable(16, 25)).toBe(false);
    expect(decideCandidate({ members: 25, present: 17, blocked: 1, yes: 16, no: 0, abstain: 0 })).toEqual({ eligiblePresent: 16, result: "deferred" });
  });
  it("18 present with one blocked leaves 17 eligible: decided, and 12 同意 pass", () => {
    expect(decideCandidate({ members: 25, present: 18, blocked: 1, yes: 12, no: 5, abstain: 0 })).toEqual({ eligiblePresent: 17, result: "passed" });
  });
  it("never passed with no votes: nobody eligible is deferred", () => {
    expect(decideCandidate({ members: 3, present: 2, blocked: 2, yes: 0, no: 0, abstain: 0 }).result).toBe("deferred");
  });
  it("impossible counts are refused", () => {
    expect(() => decideCandidate({ members: 25, present: 17, blocked: 0, yes: 18, no: 0, abstain: 0 })).toThrow(RangeError);
    expect(() => decideCandidate({ members: 25, present: 17, blocked: 18, yes: 0, no: 0, abstain: 0 })).toThrow(RangeError);
  });
});
