ALTER TABLE "roster_records" DROP CONSTRAINT "roster_records_committee_id_committees_id_fk";
