"use server";

import { protectedAction } from "@/lib/actions/safe-action";
import { grantPhotoConsent, photoConsentSchema, submitPersonPhoto, submitPhotoSchema } from "@/lib/backfill/person-photo";

// Public POST endpoints like every server action: session, input, role here; ownership (the record's
// ID equals the account's) and the state guard inside the domain call.

export const grantPhotoConsentAction = protectedAction({
  name: "photo.consent",
  roles: ["person"],
  schema: photoConsentSchema,
  handler: async ({ user, tx }) => {
    const r = await grantPhotoConsent(tx, user.id);
    return {
      data: { grantedAt: r.grantedAt.toISOString() },
      audit: { targetType: "user", targetId: user.id, detail: { already: r.already } },
      message: "已同意照片处理说明，现在可以上传照片",
    };
  },
});

export const submitPhotoAction = protectedAction({
  name: "photo.submit",
  roles: ["person"],
  schema: submitPhotoSchema,
  revalidate: [{ path: "/person/backfill", type: "layout" }],
  handler: async ({ input, user, tx }) => {
    const r = await submitPersonPhoto(tx, user.id, input);
    return {
      data: { photoId: r.photoId },
      audit: { targetType: "roster_record", targetId: input.recordId, detail: { photoId: r.photoId, certNo: r.certNo, version: input.version } },
      message: "照片已提交，请等待评委会审核",
    };
  },
});
