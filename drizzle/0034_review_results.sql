CREATE TYPE "public"."round_result_kind" AS ENUM('confirmation', 'filing_record');--> statement-breakpoint
CREATE TABLE "review_certificates" (
	"cert_no" text PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"declaration_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"filing_id" uuid,
	"closing_hash" text NOT NULL,
	"publicity_from" date NOT NULL,
	"publicity_to" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_result_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"declaration_id" uuid NOT NULL,
	"content" text NOT NULL,
	"status" "objection_status" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "round_result_publicities" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"posted_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"calendar_known" boolean NOT NULL,
	"posted_by" uuid,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_results" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"kind" "round_result_kind" NOT NULL,
	"filing_id" uuid,
	"authority_org_id" uuid NOT NULL,
	"approval_no" text NOT NULL,
	"issue_date" date NOT NULL,
	"confirmed_count" integer NOT NULL,
	"withheld_count" integer NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_certificates" ADD CONSTRAINT "review_certificates_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_certificates" ADD CONSTRAINT "review_certificates_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_certificates" ADD CONSTRAINT "review_certificates_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_certificates" ADD CONSTRAINT "review_certificates_filing_id_committee_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."committee_filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_result_objections" ADD CONSTRAINT "round_result_objections_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_result_objections" ADD CONSTRAINT "round_result_objections_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_result_objections" ADD CONSTRAINT "round_result_objections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_result_objections" ADD CONSTRAINT "round_result_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_result_publicities" ADD CONSTRAINT "round_result_publicities_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_result_publicities" ADD CONSTRAINT "round_result_publicities_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_filing_id_committee_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."committee_filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_authority_org_id_orgs_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_certificates_declaration_uq" ON "review_certificates" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "review_certificates_round_idx" ON "review_certificates" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "round_result_objections_round_idx" ON "round_result_objections" USING btree ("round_id","status");--> statement-breakpoint
CREATE INDEX "round_result_objections_decl_idx" ON "round_result_objections" USING btree ("declaration_id");