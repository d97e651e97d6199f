ALTER TABLE "integrity_records" ADD COLUMN "certificate_id" uuid;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD COLUMN "document_no" text;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD COLUMN "recorded_by_org_id" uuid;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD COLUMN "region_org_id" uuid;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD CONSTRAINT "integrity_records_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD CONSTRAINT "integrity_records_recorded_by_org_id_orgs_id_fk" FOREIGN KEY ("recorded_by_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD CONSTRAINT "integrity_records_region_org_id_orgs_id_fk" FOREIGN KEY ("region_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "integrity_records_certificate_uq" ON "integrity_records" USING btree ("certificate_id");--> statement-breakpoint
CREATE INDEX "integrity_records_region_idx" ON "integrity_records" USING btree ("region_org_id","created_at");--> statement-breakpoint
ALTER TABLE "integrity_records" ADD CONSTRAINT "integrity_records_revocation_ck" CHECK ("integrity_records"."certificate_id" is null or ("integrity_records"."document_no" is not null and "integrity_records"."recorded_by_org_id" is not null and "integrity_records"."region_org_id" is not null));