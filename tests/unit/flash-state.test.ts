import { describe, expect, it } from "vitest";
import { EMPTY_FLASH, flashReducer, visibleFlash, type FlashEvent, type FlashState } from "@/components/ui/flash-state";

const run = (...events: FlashEvent[]): FlashState => events.reduce(flashReducer, EMPTY_FLASH);
const post = (id: number, text = `消息${id}`, path = "/committee/rounds/r1/meeting"): FlashEvent => ({ type: "post", flash: { id, text, path } });
const PATH = "/committee/rounds/r1/meeting";

describe("the area shell's flash", () => {
  it("is hidden while the panel's outcome line shows the same outcome, shown once that line leaves", () => {
    const shown = run(post(1, "已结束投票"), { type: "hold", id: 1 });
    expect(visibleFlash(shown, PATH)).toBeNull();
    expect(visibleFlash(flashReducer(shown, { type: "release", id: 1 }), PATH)?.text).toBe("已结束投票");
  });

  it("shows a success whose panel never rendered it (the panel left with the refresh)", () => {
    expect(visibleFlash(run(post(1, "已确认2人")), PATH)?.text).toBe("已确认2人");
  });

  it("keeps only the latest outcome", () => {
    expect(visibleFlash(run(post(1), post(2, "材料已分发")), PATH)?.text).toBe("材料已分发");
  });

  it("counts holds: two lines of the same outcome (StrictMode remounts) both have to leave", () => {
    const s = run(post(1), { type: "hold", id: 1 }, { type: "hold", id: 1 }, { type: "release", id: 1 });
    expect(visibleFlash(s, PATH)).toBeNull();
    expect(visibleFlash(flashReducer(s, { type: "release", id: 1 }), PATH)).not.toBeNull();
    expect(flashReducer(EMPTY_FLASH, { type: "release", id: 9 })).toBe(EMPTY_FLASH);
  });

  it("belongs to its path: another path hides it and navigating there clears it", () => {
    const s = run(post(1));
    expect(visibleFlash(s, "/committee/rounds/r1/tally")).toBeNull();
    expect(flashReducer(s, { type: "navigate", path: PATH }).current).not.toBeNull();
    expect(flashReducer(s, { type: "navigate", path: "/committee/rounds/r1/tally" }).current).toBeNull();
  });

  it("is withdrawn only by its own runner; cleared by dismissal or a failure", () => {
    const s = run(post(1), post(2));
    expect(flashReducer(s, { type: "retract", id: 1 }).current?.id).toBe(2);
    expect(flashReducer(s, { type: "retract", id: 2 }).current).toBeNull();
    expect(flashReducer(s, { type: "clear" }).current).toBeNull();
  });
});
