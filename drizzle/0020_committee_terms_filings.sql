CREATE TYPE "public"."filing_scope" AS ENUM('series', 'specialty');--> statement-breakpoint
CREATE TYPE "public"."filing_status" AS ENUM('draft', 'submitted', 'dept_approved', 'approved', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."term_position" AS ENUM('chair', 'vice_chair', 'member');--> statement-breakpoint
CREATE TYPE "public"."term_status" AS ENUM('draft', 'filed', 'active', 'ended');--> statement-breakpoint
CREATE TABLE "committee_filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"forming_org_id" uuid NOT NULL,
	"series" text NOT NULL,
	"specialties" text NOT NULL,
	"level_from" "title_level" NOT NULL,
	"level_to" "title_level" NOT NULL,
	"scope" "filing_scope" NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rules_pdf" "bytea",
	"rules_pdf_name" text,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"status" "filing_status" DEFAULT 'draft' NOT NULL,
	"dept_examiner_org_id" uuid,
	"hrss_examiner_org_id" uuid,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"dept_approved_at" timestamp with time zone,
	"dept_approved_by" uuid,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_term_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"term_id" uuid NOT NULL,
	"pool_member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" "term_position" NOT NULL,
	"panel_leader" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" "term_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_term_id_committee_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."committee_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_forming_org_id_orgs_id_fk" FOREIGN KEY ("forming_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_dept_examiner_org_id_orgs_id_fk" FOREIGN KEY ("dept_examiner_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_hrss_examiner_org_id_orgs_id_fk" FOREIGN KEY ("hrss_examiner_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_dept_approved_by_users_id_fk" FOREIGN KEY ("dept_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_term_members" ADD CONSTRAINT "committee_term_members_term_id_committee_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."committee_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_term_members" ADD CONSTRAINT "committee_term_members_pool_member_id_expert_pool_members_id_fk" FOREIGN KEY ("pool_member_id") REFERENCES "public"."expert_pool_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_term_members" ADD CONSTRAINT "committee_term_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_terms" ADD CONSTRAINT "committee_terms_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_terms" ADD CONSTRAINT "committee_terms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "committee_filings_committee_idx" ON "committee_filings" USING btree ("committee_id","status");--> statement-breakpoint
CREATE INDEX "committee_filings_dept_examiner_idx" ON "committee_filings" USING btree ("dept_examiner_org_id","status");--> statement-breakpoint
CREATE INDEX "committee_filings_hrss_examiner_idx" ON "committee_filings" USING btree ("hrss_examiner_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_term_members_user_uq" ON "committee_term_members" USING btree ("term_id","user_id");--> statement-breakpoint
CREATE INDEX "committee_term_members_term_idx" ON "committee_term_members" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "committee_terms_committee_idx" ON "committee_terms" USING btree ("committee_id");