ALTER TABLE "round_results" ADD COLUMN "issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "round_results" ADD COLUMN "issued_by" uuid;--> statement-breakpoint
ALTER TABLE "round_results" ADD COLUMN "certificate_count" integer;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "round_results_to_issue_idx" ON "round_results" USING btree ("confirmed_at") WHERE "round_results"."issued_at" is null;--> statement-breakpoint
-- Rounds confirmed before the 专技处's 发证 step had their certificates issued with the confirmation.
UPDATE "round_results" r SET "issued_at" = r."confirmed_at", "issued_by" = r."confirmed_by",
  "certificate_count" = (SELECT count(*)::int FROM "review_certificates" c WHERE c."round_id" = r."round_id")
WHERE EXISTS (SELECT 1 FROM "review_certificates" c WHERE c."round_id" = r."round_id");
