-- A batch's items are written at submission and updated once, all together, at confirmation
-- (result → confirmed). Half-empty pages let that update stay on the page (a HOT update) instead of
-- adding an entry to both indexes for each of up to 10,000 rows. The table is small per row.
ALTER TABLE "roster_batch_items" SET (fillfactor = 50);
