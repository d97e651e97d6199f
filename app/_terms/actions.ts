"use server";

import { protectedAction } from "@/lib/actions/safe-action";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { saveTermSchema } from "@/lib/terms/schemas";
import { saveTerm } from "@/lib/terms/terms";
import { TERM_AREAS } from "./term-areas";


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
