DROP INDEX "roster_records_key_uq";--> statement-breakpoint
DROP INDEX "roster_records_id_number_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "roster_records_person_key_uq" ON "roster_records" USING btree ("id_number","id_type","committee_id","qualification_name","pass_year");