import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { ID_TYPE_LABELS, maskIdNumber } from "@/lib/validation/id-number";

/** What the person may see of their own account: the ID number is masked even for its holder's screens. */
export async function getPersonProfile(db: Db, userId: string) {
  const [row] = await db
    .select({ idType: users.idType, idNumber: users.idNumber, phone: users.phone, birthDate: users.birthDate, gender: users.gender })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  return {
    idTypeLabel: row.idType ? ID_TYPE_LABELS[row.idType] : "",
    maskedIdNumber: maskIdNumber(row.idNumber),
    maskedPhone: row.phone ? row.phone.slice(0, 3) + "****" + row.phone.slice(-4) : "",
    birthDate: row.birthDate,
    genderLabel: row.gender === "male" ? "男" : row.gender === "female" ? "女" : "",
  };
}
