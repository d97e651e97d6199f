import type { PhotoStatus, RosterStatus } from "@/db/schema/enums";
import { needsPhotoForPassDate } from "@/lib/roster/photo-rule";
import type { Tone } from "@/lib/tone";

/** Record states as the professional reads them (the committee's labels are in lib/roster/constants.ts). */
export const PERSON_STATUS_INFO: Record<RosterStatus, { label: string; tone: Tone }> = {
  draft: { label: "评委会整理中", tone: "slate" },
  awaiting_photo: { label: "待上传照片", tone: "amber" },
  photo_submitted: { label: "评委会审核中", tone: "blue" },
  photo_approved: { label: "照片审核通过", tone: "blue" },
  submitted: { label: "已提交省人社厅专技处", tone: "blue" },
  confirmed: { label: "已确认", tone: "green" },
  returned: { label: "已退回评委会", tone: "red" },
  revoked: { label: "已撤销", tone: "red" },
  superseded: { label: "已更正", tone: "slate" },
};

/**
 * The label of a record's state for its holder: a pre-2020 record skips the photo step
 * (lib/roster/photo-rule.ts), so its photo_approved means "waiting for the committee's submission".
 */
export function personStatusInfo(status: RosterStatus, passDate: string): { label: string; tone: Tone } {
  if (status === "photo_approved" && !needsPhotoForPassDate(passDate)) return { label: "待评委会提交（无需照片）", tone: "blue" };
  return PERSON_STATUS_INFO[status];
}

/** One photo's state, for the holder and the committee. */
export const PHOTO_STATUS_INFO: Record<PhotoStatus, { label: string; tone: Tone }> = {
  pending: { label: "已上传，未提交", tone: "amber" },
  submitted: { label: "已提交，待评委会审核", tone: "blue" },
  approved: { label: "审核通过", tone: "green" },
  rejected: { label: "已驳回", tone: "red" },
  replaced: { label: "已更换", tone: "slate" },
};
