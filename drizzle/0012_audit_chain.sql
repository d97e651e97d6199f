-- The audit log is insert-only and hash-chained (docs/domain.md §12, docs/architecture.md "Audit log").
--
-- Every row carries chain_seq (1, 2, 3 … without gaps), prev_hash (the previous row's row_hash; 64
-- zeros for the first) and row_hash = sha256 of audit_log_canonical(row), a JSON array of every column
-- in a fixed order (jsonb's text form is normalised by PostgreSQL: key order and spacing never vary).
-- The BEFORE INSERT trigger takes the single chain-head row FOR UPDATE, so concurrent writers queue
-- on it until the writer's transaction ends: two transactions can never chain to the same predecessor,
-- and a rolled-back insert leaves the head untouched. `npm run audit:verify` walks the chain.

CREATE OR REPLACE FUNCTION audit_log_canonical(a audit_log) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    a.chain_seq, a.prev_hash, a.id,
    to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    a.actor_id, a.actor_role, a.actor_org_id, a.action, a.target_type, a.target_id,
    a.outcome::text, a.detail, a.ip
  )::text
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head is missing: the audit chain cannot continue';
  END IF;
  NEW.chain_seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.row_hash := encode(sha256(convert_to(audit_log_canonical(NEW), 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.row_hash WHERE id = 1;
  RETURN NEW;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint

-- The head may only move from inside audit_log_chain (trigger depth > 1), never by a statement.
CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head moves only with an audit_log insert: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint

-- Chain the rows written before this migration, in id order.
DO $$
DECLARE
  r record;
  h text := repeat('0', 64);
  n bigint := 0;
BEGIN
  FOR r IN SELECT id FROM audit_log ORDER BY id LOOP
    n := n + 1;
    UPDATE audit_log SET chain_seq = n, prev_hash = h WHERE id = r.id;
    SELECT encode(sha256(convert_to(audit_log_canonical(a), 'UTF8')), 'hex') INTO h FROM audit_log a WHERE a.id = r.id;
    UPDATE audit_log SET row_hash = h WHERE id = r.id;
  END LOOP;
  INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, n, h);
END
$$;
--> statement-breakpoint

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE TRIGGER audit_log_insert_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
