-- PostgreSQL extensions the schema needs (docs/deploy.md "Database").
--
-- pg_trgm: trigram GIN indexes serve the back-office lists' substring searches (name, ID number:
-- `ilike '%…%'`, which a b-tree cannot) at province scale (tests/bench/lists.bench.ts). It is a trusted
-- extension (PostgreSQL 13+): the database owner may create it without superuser rights. PGlite loads
-- it from @electric-sql/pglite/contrib/pg_trgm (db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
