-- Review rounds: the signed ballot box and tallies cannot change (docs/domain.md §17 "Immutability").
--
-- * ballot_votes is insert-only: UPDATE, DELETE and TRUNCATE are refused.
-- * tallies of a signed round (review_rounds.signed_at set) refuse UPDATE and DELETE; TRUNCATE always.
-- * a signed round's hashes, signature and member count never change.
-- * ballot_staging (the open box) accepts rows only while its round's ballot is open, and no UPDATE:
--   no late vote and no edited vote, whatever the application does.
-- A database superuser can disable these triggers; `npm run verify:tallies` then finds the edit through
-- the hash chains.

CREATE OR REPLACE FUNCTION ballot_votes_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ballot_votes is insert-only: % refused', TG_OP USING ERRCODE = '2F004';
END
$$;
--> statement-breakpoint

DROP TRIGGER IF EXISTS ballot_votes_immutable ON ballot_votes;
--> statement-breakpoint
CREATE TRIGGER ballot_votes_immutable BEFORE UPDATE OR DELETE ON ballot_votes
  FOR EACH ROW EXECUTE FUNCTION ballot_votes_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS ballot_votes_no_truncate ON ballot_votes;
--> statement-breakpoint
CREATE TRIGGER ballot_votes_no_truncate BEFORE TRUNCATE ON ballot_votes
  FOR EACH STATEMENT EXECUTE FUNCTION ballot_votes_refuse_change();
--> statement-breakpoint

CREATE OR REPLACE FUNCTION tallies_refuse_signed_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'tallies cannot be truncated' USING ERRCODE = '2F004';
  END IF;
  IF EXISTS (SELECT 1 FROM review_rounds r WHERE r.id = OLD.round_id AND r.signed_at IS NOT NULL) THEN
    RAISE EXCEPTION 'the tally of a signed round cannot change: % refused', TG_OP USING ERRCODE = '2F004';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint

DROP TRIGGER IF EXISTS tallies_immutable ON tallies;
--> statement-breakpoint
CREATE TRIGGER tallies_immutable BEFORE UPDATE OR DELETE ON tallies
  FOR EACH ROW EXECUTE FUNCTION tallies_refuse_signed_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS tallies_no_truncate ON tallies;
--> statement-breakpoint
CREATE TRIGGER tallies_no_truncate BEFORE TRUNCATE ON tallies
  FOR EACH STATEMENT EXECUTE FUNCTION tallies_refuse_signed_change();
--> statement-breakpoint

CREATE OR REPLACE FUNCTION review_rounds_keep_signature() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.signed_at IS NOT NULL AND (
       NEW.signed_at IS DISTINCT FROM OLD.signed_at
    OR NEW.signed_by IS DISTINCT FROM OLD.signed_by
    OR NEW.closing_hash IS DISTINCT FROM OLD.closing_hash
    OR NEW.ballot_box_hash IS DISTINCT FROM OLD.ballot_box_hash
    OR NEW.member_count IS DISTINCT FROM OLD.member_count
    OR NEW.term_id IS DISTINCT FROM OLD.term_id
    OR NEW.committee_id IS DISTINCT FROM OLD.committee_id) THEN
    RAISE EXCEPTION 'the signature of a signed round cannot change' USING ERRCODE = '2F004';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint

DROP TRIGGER IF EXISTS review_rounds_signature ON review_rounds;
--> statement-breakpoint
CREATE TRIGGER review_rounds_signature BEFORE UPDATE ON review_rounds
  FOR EACH ROW EXECUTE FUNCTION review_rounds_keep_signature();
--> statement-breakpoint

CREATE OR REPLACE FUNCTION ballot_staging_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'a ballot cannot be changed' USING ERRCODE = '2F004';
  END IF;
  IF EXISTS (SELECT 1 FROM new_rows n JOIN review_rounds r ON r.id = n.round_id WHERE r.state <> 'ballot_open') THEN
    RAISE EXCEPTION 'the ballot of this round is not open' USING ERRCODE = '2F004';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

DROP TRIGGER IF EXISTS ballot_staging_open_only ON ballot_staging;
--> statement-breakpoint
CREATE TRIGGER ballot_staging_open_only AFTER INSERT ON ballot_staging
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ballot_staging_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS ballot_staging_no_update ON ballot_staging;
--> statement-breakpoint
CREATE TRIGGER ballot_staging_no_update BEFORE UPDATE ON ballot_staging
  FOR EACH ROW EXECUTE FUNCTION ballot_staging_guard();
