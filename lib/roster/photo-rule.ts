import { gte, lt, type SQL } from "drizzle-orm";
import { rosterRecords, type RosterStatus } from "@/db/schema";
import { ROSTER_STATUS_INFO } from "./constants";

/**
 * docs/domain.md §3 and §8: only records whose 评审通过时间 is in 2020 or later go through the photo
 * step. Earlier certificates are view-only (no e-certificate is ever produced, §7), so a photo would
 * never be printed: publishing moves such a record straight to photo_approved (待提交, no photo), the
 * holder is told so and cannot upload, and the committee's photo screens leave it out. The same year
 * as the PDF rule (lib/certificates/eligibility.ts re-exports it).
 */
export const PHOTO_FIRST_YEAR = 2020;

export function needsPhoto(passYear: number): boolean {
  return passYear >= PHOTO_FIRST_YEAR;
}

/** The same rule from a 评审通过时间 ("2019-12-20"). */
export function needsPhotoForPassDate(passDate: string): boolean {
  return needsPhoto(Number(passDate.slice(0, 4)));
}

/** SQL: the record needs a photo. */
export function needsPhotoSql(): SQL {
  return gte(rosterRecords.passYear, PHOTO_FIRST_YEAR);
}

/** SQL: the record needs no photo (pre-2020). */
export function photoFreeSql(): SQL {
  return lt(rosterRecords.passYear, PHOTO_FIRST_YEAR);
}

/** A record's state label for the committee: a pre-2020 photo_approved record has no photo to have passed. */
export function recordStatusInfo(status: RosterStatus, passYear: number) {
  if (status === "photo_approved" && !needsPhoto(passYear)) return { label: "待提交（无需照片）", tone: ROSTER_STATUS_INFO.photo_approved.tone };
  return ROSTER_STATUS_INFO[status];
}

/** Why the holder of a pre-2020 record has nothing to upload. */
export const NO_PHOTO_NEEDED_MESSAGE = "2020年度之前取得的职称证书仅提供信息查看，不制作电子证书，无需上传照片；名册发布后由评委会直接提交省人社厅专技处确认";
