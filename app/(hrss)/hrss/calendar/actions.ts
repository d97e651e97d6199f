"use server";

import { protectedAction } from "@/lib/actions/safe-action";
import { addOverride, removeOverride } from "@/lib/calendar/overrides";
import { addOverrideSchema, removeOverrideSchema } from "@/lib/calendar/schemas";

// Only hrss accounts reach the handlers; the domain call then requires the 专技处, so a city HR user
// gets 「仅省人社厅专技处…」 and a denied audit row.

export const addWorkingDayOverrideAction = protectedAction({
  name: "calendar.add_override",
  roles: ["hrss"],
  schema: addOverrideSchema,
  revalidate: ["/hrss/calendar"],
  handler: async ({ input, user, tx }) => {
    const row = await addOverride(tx, user, input);
    return {
      data: row,
      audit: { targetType: "working_day_override", targetId: row.date, detail: { kind: row.kind, note: input.note } },
      message: `已添加 ${row.date} 的调整`,
    };
  },
});

export const removeWorkingDayOverrideAction = protectedAction({
  name: "calendar.remove_override",
  roles: ["hrss"],
  schema: removeOverrideSchema,
  revalidate: ["/hrss/calendar"],
  handler: async ({ input, user, tx }) => {
    const row = await removeOverride(tx, user, input);
    return {
      data: { date: row.date },
      audit: { targetType: "working_day_override", targetId: row.date, detail: { kind: row.kind, note: row.note } },
      message: `已删除 ${row.date} 的调整，该日恢复按节假日库计算`,
    };
  },
});
