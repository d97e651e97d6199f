import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { moveRecords } from "./move-record";
import { PHOTO_FIRST_YEAR } from "./photo-rule";

export const PHOTO_NOT_NEEDED_REASON = "2020年度之前的证书无需照片，转由评委会直接提交";

/**
 * Data fix run after the migrations (db/data-fixes.ts): pre-2020 records published before the photo
 * rule (lib/roster/photo-rule.ts) still wait for a photo (awaiting_photo / photo_submitted) and would
 * block the committee's submission. They move to photo_approved — the state a pre-2020 record now gets
 * on publishing — with an event (actor: the system) and a message to the holder. Any photo they have is
 * left as it is (the photo screens no longer list pre-2020 records). Idempotent: no pre-2020 record can
 * enter those states any more, so a second run finds nothing.
 */
export async function movePhotoFreeRecordsToReady(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await executeRows<{ id: string }>(tx, sql`
      select id from roster_records
      where status in ('awaiting_photo', 'photo_submitted') and pass_year < ${PHOTO_FIRST_YEAR}::int
      for update`);
    if (rows.length === 0) return 0;
    const moved = await moveRecords(tx, {
      recordIds: rows.map((r) => r.id),
      from: ["awaiting_photo", "photo_submitted"],
      to: "photo_approved",
      actorId: null,
      reason: PHOTO_NOT_NEEDED_REASON,
      notify: { kind: "photo_not_needed", message: (r) => `您的“${r.qualificationName}”为2020年度之前取得的职称证书，仅提供信息查看，无需上传照片，将由评委会直接提交省人社厅专技处确认。` },
    });
    return moved.length;
  });
}
