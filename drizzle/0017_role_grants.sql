-- Role grants (docs/domain.md §1 "Accounts"): every user holds at least the grant of its own
-- users.role / users.org_id, the default grant a login starts with.

-- One person holds a given grant once while it is active (NULLS NOT DISTINCT: drizzle-kit cannot say it).
CREATE UNIQUE INDEX "role_grants_active_uq" ON "role_grants"
  ("user_id", "role", "org_id", "committee_id", "term_id", "round_id", "position") NULLS NOT DISTINCT
  WHERE "status" = 'active';
--> statement-breakpoint

-- Existing accounts: one grant each, equal to their current role and organisation.
INSERT INTO "role_grants" ("user_id", "role", "org_id", "valid_from", "created_at")
SELECT u."id", u."role", u."org_id", u."created_at", now()
FROM "users" u
WHERE NOT EXISTS (SELECT 1 FROM "role_grants" g WHERE g."user_id" = u."id");
--> statement-breakpoint

-- New accounts (registration, administration, seeds, tests): the default grant comes with the row,
-- whatever code inserts it. users.role and users.org_id are never updated after creation.
CREATE OR REPLACE FUNCTION "role_grants_default_for_user"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "role_grants" ("user_id", "role", "org_id") VALUES (NEW."id", NEW."role", NEW."org_id");
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "users_default_grant" AFTER INSERT ON "users"
  FOR EACH ROW EXECUTE FUNCTION "role_grants_default_for_user"();
