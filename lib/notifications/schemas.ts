import { z } from "zod";

/** 全部标为已读: no input; the owner (person or organisation) comes from the session. */
export const markNotificationsReadSchema = z.object({});
