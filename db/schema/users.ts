import { date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ID_TYPES, IDENTITY_ASSURANCES, USER_ROLES, USER_STATUSES } from "./enums";
import { orgs } from "./orgs";

export const userRole = pgEnum("user_role", USER_ROLES);
export const idType = pgEnum("id_type", ID_TYPES);
export const userStatus = pgEnum("user_status", USER_STATUSES);
export const identityAssurance = pgEnum("identity_assurance", IDENTITY_ASSURANCES);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").unique(),
    role: userRole("role").notNull(),
    orgId: uuid("org_id").references(() => orgs.id),
    name: text("name").notNull(),
    idType: idType("id_type"),
    /** Normalised (trimmed, half-width, upper-case). Never sent to the browser unmasked. */
    idNumber: text("id_number"),
    nationality: text("nationality"),
    gender: text("gender"),
    birthDate: date("birth_date"),
    phone: text("phone"),
    passwordHash: text("password_hash").notNull(),
    status: userStatus("status").notNull().default("active"),
    /** Bumped on disable / password change: every older JWT stops working. */
    sessionVersion: integer("session_version").notNull().default(1),
    failedLogins: integer("failed_logins").notNull().default(0),
    firstFailedAt: timestamp("first_failed_at", { withTimezone: true }),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    sensitiveConsentAt: timestamp("sensitive_consent_at", { withTimezone: true }),
    /** Separate consent to process the ID photo (asked once, before the first upload). */
    photoConsentAt: timestamp("photo_consent_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** 实名核验 once the provincial SSO vouched for the ID number and name (docs/domain.md §11). */
    identityAssurance: identityAssurance("identity_assurance").notNull().default("self_registered"),
    identityVerifiedAt: timestamp("identity_verified_at", { withTimezone: true }),
    /** The linked SSO identity: the IdP's issuer and its `sub` for this person (unique together). */
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_id_doc_uq").on(t.idType, t.idNumber),
    index("users_org_idx").on(t.orgId),
    index("users_id_number_idx").on(t.idNumber),
    uniqueIndex("users_oidc_uq").on(t.oidcIssuer, t.oidcSubject),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
