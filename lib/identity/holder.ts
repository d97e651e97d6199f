import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { IdType } from "@/lib/validation/id-number";
import { personNamesMatch } from "./person-name";

/**
 * Identity binding (docs/domain.md §11): who a person account is, for matching roster records and
 * certificates. The ID number alone is not enough — whoever registered a published number first
 * would otherwise see and act on that person's records — so the name must match too.
 */
export type PersonIdentity = { idType: IdType; idNumber: string; name: string };

/** The account's identity, or null: not a person, no ID registered, or not active (a pending filer of a dispute holds nothing). */
export async function getPersonIdentity(db: Db, userId: string): Promise<PersonIdentity | null> {
  const [row] = await db
    .select({ idType: users.idType, idNumber: users.idNumber, name: users.name, role: users.role, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.role !== "person" || row.status !== "active" || !row.idType || !row.idNumber) return null;
  return { idType: row.idType, idNumber: row.idNumber, name: row.name };
}

/** True when the subject (a roster record or a certificate) carries this person's ID type, number and name. */
export function isHolderOf(identity: PersonIdentity | null, subject: { idType: string; idNumber: string; name: string }): boolean {
  return (
    !!identity &&
    identity.idType === subject.idType &&
    identity.idNumber === subject.idNumber &&
    personNamesMatch(identity.name, subject.name)
  );
}
