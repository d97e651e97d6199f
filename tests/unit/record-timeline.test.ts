import { describe, expect, it } from "vitest";
import { describeRecordEvent } from "@/components/record-timeline";

describe("the record timeline's wording", () => {
  it("tells a committee's rejection apart from the holder replacing a submitted photo", () => {
    expect(describeRecordEvent({ fromStatus: "photo_submitted", toStatus: "awaiting_photo", actorRole: "hrss" })).toEqual({
      text: "评委会驳回照片，请重新上传",
      tone: "problem",
    });
    expect(describeRecordEvent({ fromStatus: "photo_submitted", toStatus: "awaiting_photo", actorRole: "person" })).toEqual({
      text: "本人更换照片，待重新提交",
      tone: "normal",
    });
  });

  it("names each stage of the back-fill flow and flags returns and revocations", () => {
    expect(describeRecordEvent({ fromStatus: "photo_approved", toStatus: "submitted", actorRole: "self_unit" }).text).toBe("评委会已提交省人社厅专技处确认");
    expect(describeRecordEvent({ fromStatus: "submitted", toStatus: "confirmed", actorRole: "hrss" }).text).toBe("省人社厅专技处已确认，证书生效");
    expect(describeRecordEvent({ fromStatus: "submitted", toStatus: "returned", actorRole: "hrss" }).tone).toBe("problem");
    expect(describeRecordEvent({ fromStatus: "confirmed", toStatus: "revoked", actorRole: "hrss" }).tone).toBe("problem");
  });
});
