"use server";

import { protectedAction, type RevalidateTarget } from "@/lib/actions/safe-action";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { saveTermSchema } from "@/lib/terms/schemas";
import { saveTerm } from "@/lib/terms/terms";

/** The term and filing screens of the forming areas and the committee area. */
export const TERM_AREAS: readonly RevalidateTarget[] = ["/hrss", "/dept", "/self-unit", "/committee"].map((path) => ({ path, type: "layout" as const }));

export const saveTermAction = protectedAction({
  name: "committee_term.save",
  roles: COMMITTEE_FORMING_ROLES,
  schema: saveTermSchema,
  revalidate: TERM_AREAS,
  handler: async ({ tx, user, input }) => {
    const term = await saveTerm(tx, user, input);
    return {
      data: { termId: term.id, version: term.version },
      message: `已保存本届成员（${input.members.length}人）`,
      audit: { targetType: "committee_term", targetId: term.id, detail: { committeeId: input.committeeId, members: input.members.length, startDate: input.startDate, endDate: input.endDate } },
    };
  },
});
