-- The 人社部门's statistics (docs/domain.md §19): counters of submitted declarations and of first-issue
-- certificates, kept in step by statement-level triggers with transition tables, as roster-counts.sql
-- does for the roster: one grouped upsert per statement (a batch move of 2,000 declarations or a
-- confirmation of 10,000 certificates adds one small aggregate), and a statement that changes no counted
-- key (a draft saved, a certificate revoked) writes nothing. Keys are applied in sorted order so
-- concurrent writers lock counter rows in the same order.

CREATE OR REPLACE FUNCTION declaration_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO declaration_counts AS c (batch_id, hrss_org_id, status, series, target_level, n)
      SELECT batch_id, hrss_org_id, status, series, target_level, count(*) FROM new_rows
      WHERE first_submitted_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT ON CONSTRAINT declaration_counts_key DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO declaration_counts AS c (batch_id, hrss_org_id, status, series, target_level, n)
      SELECT batch_id, hrss_org_id, status, series, target_level, -count(*) FROM old_rows
      WHERE first_submitted_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT ON CONSTRAINT declaration_counts_key DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO declaration_counts AS c (batch_id, hrss_org_id, status, series, target_level, n)
      SELECT batch_id, hrss_org_id, status, series, target_level, sum(d) FROM (
        SELECT batch_id, hrss_org_id, status, series, target_level, 1 AS d FROM new_rows WHERE first_submitted_at IS NOT NULL
        UNION ALL
        SELECT batch_id, hrss_org_id, status, series, target_level, -1 AS d FROM old_rows WHERE first_submitted_at IS NOT NULL
      ) x GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT ON CONSTRAINT declaration_counts_key DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE TRIGGER declaration_counts_insert AFTER INSERT ON declarations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION declaration_counts_apply();
--> statement-breakpoint
CREATE TRIGGER declaration_counts_update AFTER UPDATE ON declarations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION declaration_counts_apply();
--> statement-breakpoint
CREATE TRIGGER declaration_counts_delete AFTER DELETE ON declarations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION declaration_counts_apply();
--> statement-breakpoint

-- The month of issue in China time (one offset, no daylight saving: no time zone database needed).
CREATE OR REPLACE FUNCTION certificate_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO certificate_counts AS c (month, committee_id, series, level, n)
      SELECT date_trunc('month', issued_at AT TIME ZONE INTERVAL '+08:00')::date, committee_id, series, level, count(*) FROM new_rows
      WHERE version = 1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (month, committee_id, series, level) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO certificate_counts AS c (month, committee_id, series, level, n)
      SELECT date_trunc('month', issued_at AT TIME ZONE INTERVAL '+08:00')::date, committee_id, series, level, -count(*) FROM old_rows
      WHERE version = 1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (month, committee_id, series, level) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO certificate_counts AS c (month, committee_id, series, level, n)
      SELECT date_trunc('month', issued_at AT TIME ZONE INTERVAL '+08:00')::date, committee_id, series, level, sum(d) FROM (
        SELECT issued_at, committee_id, series, level, 1 AS d FROM new_rows WHERE version = 1
        UNION ALL
        SELECT issued_at, committee_id, series, level, -1 AS d FROM old_rows WHERE version = 1
      ) x GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
      ON CONFLICT (month, committee_id, series, level) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE TRIGGER certificate_counts_insert AFTER INSERT ON certificates
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION certificate_counts_apply();
--> statement-breakpoint
CREATE TRIGGER certificate_counts_update AFTER UPDATE ON certificates
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION certificate_counts_apply();
--> statement-breakpoint
CREATE TRIGGER certificate_counts_delete AFTER DELETE ON certificates
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION certificate_counts_apply();
--> statement-breakpoint

-- The rows written before this migration.
INSERT INTO declaration_counts (batch_id, hrss_org_id, status, series, target_level, n)
  SELECT batch_id, hrss_org_id, status, series, target_level, count(*) FROM declarations
  WHERE first_submitted_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT declaration_counts_key DO UPDATE SET n = excluded.n;
--> statement-breakpoint
INSERT INTO certificate_counts (month, committee_id, series, level, n)
  SELECT date_trunc('month', issued_at AT TIME ZONE INTERVAL '+08:00')::date, committee_id, series, level, count(*) FROM certificates
  WHERE version = 1 GROUP BY 1, 2, 3, 4
  ON CONFLICT (month, committee_id, series, level) DO UPDATE SET n = excluded.n;
