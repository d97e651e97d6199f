CREATE TABLE "roster_record_counts" (
	"committee_id" uuid NOT NULL,
	"status" "roster_status" NOT NULL,
	"pass_year" integer NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "roster_record_counts_committee_id_status_pass_year_pk" PRIMARY KEY("committee_id","status","pass_year")
);
--> statement-breakpoint
DROP INDEX "audit_at_idx";--> statement-breakpoint
DROP INDEX "audit_actor_idx";--> statement-breakpoint
DROP INDEX "audit_action_idx";--> statement-breakpoint
DROP INDEX "audit_org_idx";--> statement-breakpoint
DROP INDEX "roster_records_committee_created_idx";--> statement-breakpoint
CREATE INDEX "audit_at_id_idx" ON "audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "roster_records_name_trgm_idx" ON "roster_records" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "roster_records_id_number_trgm_idx" ON "roster_records" USING gin ("id_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "certificates_name_trgm_idx" ON "certificates" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "certificates_id_number_trgm_idx" ON "certificates" USING gin ("id_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "certificates_list_idx" ON "certificates" USING btree ("issued_at" DESC NULLS FIRST,"cert_no");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_action_idx" ON "audit_log" USING btree ("action","at","id");--> statement-breakpoint
CREATE INDEX "audit_org_idx" ON "audit_log" USING btree ("actor_org_id","at","id");--> statement-breakpoint
CREATE INDEX "roster_records_committee_created_idx" ON "roster_records" USING btree ("committee_id","created_at" DESC NULLS FIRST,"cert_no");