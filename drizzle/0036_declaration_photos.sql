ALTER TABLE "roster_photos" ALTER COLUMN "record_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_photos" ADD COLUMN "declaration_id" uuid;--> statement-breakpoint
ALTER TABLE "roster_photos" ADD CONSTRAINT "roster_photos_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_photos_declaration_idx" ON "roster_photos" USING btree ("declaration_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_photos_declaration_current_uq" ON "roster_photos" USING btree ("declaration_id") WHERE "roster_photos"."declaration_id" is not null and "roster_photos"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "roster_photos" ADD CONSTRAINT "roster_photos_owner_ck" CHECK (num_nonnulls("roster_photos"."record_id", "roster_photos"."declaration_id") = 1);