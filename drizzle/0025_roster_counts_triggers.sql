-- Per committee, status and year: how many roster records (docs/architecture.md "Lists at scale").
--
-- The roster list shows counts per status and the filtered total above every page; counting a
-- committee's records each time is a scan of hundreds of thousands of index entries at province
-- scale (tests/bench/lists.bench.ts). Statement-level triggers with transition tables keep
-- roster_record_counts in step with roster_records: one grouped upsert per statement, so a
-- 50,000-row import or bulk move adds one small aggregate, not a row trigger per record. Keys are
-- applied in sorted order so concurrent writers lock counter rows in the same order.

CREATE OR REPLACE FUNCTION roster_record_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO roster_record_counts AS c (committee_id, status, pass_year, n)
      SELECT committee_id, status, pass_year, count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (committee_id, status, pass_year) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO roster_record_counts AS c (committee_id, status, pass_year, n)
      SELECT committee_id, status, pass_year, -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (committee_id, status, pass_year) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO roster_record_counts AS c (committee_id, status, pass_year, n)
      SELECT committee_id, status, pass_year, sum(d) FROM (
        SELECT committee_id, status, pass_year, 1 AS d FROM new_rows
        UNION ALL
        SELECT committee_id, status, pass_year, -1 AS d FROM old_rows
      ) x GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (committee_id, status, pass_year) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE TRIGGER roster_record_counts_insert AFTER INSERT ON roster_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_record_counts_apply();
--> statement-breakpoint
CREATE TRIGGER roster_record_counts_update AFTER UPDATE ON roster_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_record_counts_apply();
--> statement-breakpoint
CREATE TRIGGER roster_record_counts_delete AFTER DELETE ON roster_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_record_counts_apply();
--> statement-breakpoint

-- The records written before this migration.
INSERT INTO roster_record_counts (committee_id, status, pass_year, n)
  SELECT committee_id, status, pass_year, count(*) FROM roster_records GROUP BY 1, 2, 3
  ON CONFLICT (committee_id, status, pass_year) DO UPDATE SET n = excluded.n;
