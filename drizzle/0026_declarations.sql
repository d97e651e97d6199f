CREATE TYPE "public"."attachment_type" AS ENUM('application/pdf', 'image/jpeg', 'image/png');--> statement-breakpoint
CREATE TYPE "public"."declaration_batch_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."declaration_status" AS ENUM('draft', 'submitted', 'unit_verified', 'in_publicity', 'unit_recommended', 'dept_approved', 'hrss_checked', 'accepted', 'returned', 'withdrawn', 'rejected', 'abandoned', 'in_review', 'passed', 'failed', 'result_publicity', 'confirmed', 'on_hold', 'disqualified', 'withheld');--> statement-breakpoint
CREATE TYPE "public"."education_level" AS ENUM('doctorate', 'master', 'bachelor', 'associate', 'secondary');--> statement-breakpoint
CREATE TYPE "public"."objection_status" AS ENUM('open', 'kept', 'upheld');--> statement-breakpoint
CREATE TYPE "public"."publicity_status" AS ENUM('open', 'finished');--> statement-breakpoint
CREATE TABLE "declaration_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"declaration_id" uuid NOT NULL,
	"slot" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" "attachment_type" NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"series" text NOT NULL,
	"level_from" "title_level" NOT NULL,
	"level_to" "title_level" NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"status" "declaration_batch_status" DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"declaration_id" uuid NOT NULL,
	"from_status" "declaration_status",
	"to_status" "declaration_status" NOT NULL,
	"actor_id" uuid,
	"actor_role" "user_role",
	"actor_org_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"declaration_id" uuid NOT NULL,
	"stage" "declaration_status" NOT NULL,
	"round" smallint NOT NULL,
	"reason" text NOT NULL,
	"items" jsonb NOT NULL,
	"deadline" date NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_by_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "declaration_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"declaration_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"committee_id" uuid NOT NULL,
	"forming_org_id" uuid NOT NULL,
	"unit_org_id" uuid,
	"dept_org_id" uuid,
	"hrss_org_id" uuid,
	"route_dept" boolean DEFAULT false NOT NULL,
	"route_hrss" boolean DEFAULT false NOT NULL,
	"self_review" boolean DEFAULT false NOT NULL,
	"person_name" text NOT NULL,
	"id_type" "id_type",
	"id_number" text,
	"series" text NOT NULL,
	"specialty" text DEFAULT '' NOT NULL,
	"target_level" "title_level" NOT NULL,
	"status" "declaration_status" DEFAULT 'draft' NOT NULL,
	"returned_from" "declaration_status",
	"version" integer DEFAULT 1 NOT NULL,
	"basic" jsonb,
	"education" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"work" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"current_title" text,
	"current_title_level" "title_level",
	"current_title_date" date,
	"achievements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pledge_accepted_at" timestamp with time zone,
	"final_reason" text,
	"submitted_at" timestamp with time zone,
	"first_submitted_at" timestamp with time zone,
	"unit_verified_at" timestamp with time zone,
	"publicity_started_at" timestamp with time zone,
	"unit_recommended_at" timestamp with time zone,
	"dept_approved_at" timestamp with time zone,
	"hrss_checked_at" timestamp with time zone,
	"forming_queue_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eligibility_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series" text NOT NULL,
	"level" "title_level" NOT NULL,
	"education" "education_level" NOT NULL,
	"years_required" integer NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "integrity_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"id_type" "id_type" NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"reason" text NOT NULL,
	"revoked_at" date NOT NULL,
	"bar_until" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_org_id" uuid NOT NULL,
	"posted_on" date NOT NULL,
	"working_days" integer NOT NULL,
	"ends_on" date NOT NULL,
	"status" "publicity_status" DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"finished_by" uuid
);
--> statement-breakpoint
CREATE TABLE "publicity_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publicity_id" uuid NOT NULL,
	"declaration_id" uuid NOT NULL,
	"current" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publicity_id" uuid NOT NULL,
	"declaration_id" uuid NOT NULL,
	"text" text NOT NULL,
	"filed_by_name" text NOT NULL,
	"filed_by_contact" text NOT NULL,
	"status" "objection_status" DEFAULT 'open' NOT NULL,
	"resolution_reason" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "declaration_attachments" ADD CONSTRAINT "declaration_attachments_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_attachments" ADD CONSTRAINT "declaration_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_batches" ADD CONSTRAINT "declaration_batches_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_batches" ADD CONSTRAINT "declaration_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_events" ADD CONSTRAINT "declaration_events_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_events" ADD CONSTRAINT "declaration_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_events" ADD CONSTRAINT "declaration_events_actor_org_id_orgs_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_notices" ADD CONSTRAINT "declaration_notices_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_notices" ADD CONSTRAINT "declaration_notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_notices" ADD CONSTRAINT "declaration_notices_issued_by_org_id_orgs_id_fk" FOREIGN KEY ("issued_by_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_snapshots" ADD CONSTRAINT "declaration_snapshots_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_batch_id_declaration_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."declaration_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_forming_org_id_orgs_id_fk" FOREIGN KEY ("forming_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_unit_org_id_orgs_id_fk" FOREIGN KEY ("unit_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_dept_org_id_orgs_id_fk" FOREIGN KEY ("dept_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_hrss_org_id_orgs_id_fk" FOREIGN KEY ("hrss_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrity_records" ADD CONSTRAINT "integrity_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_unit_org_id_orgs_id_fk" FOREIGN KEY ("unit_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_finished_by_users_id_fk" FOREIGN KEY ("finished_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_items" ADD CONSTRAINT "publicity_items_publicity_id_publicities_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."publicities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_items" ADD CONSTRAINT "publicity_items_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_publicity_id_publicities_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."publicities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declaration_attachments_decl_idx" ON "declaration_attachments" USING btree ("declaration_id","slot");--> statement-breakpoint
CREATE INDEX "declaration_batches_committee_idx" ON "declaration_batches" USING btree ("committee_id","year");--> statement-breakpoint
CREATE INDEX "declaration_batches_open_idx" ON "declaration_batches" USING btree ("status","opens_on","closes_on");--> statement-breakpoint
CREATE INDEX "declaration_events_decl_idx" ON "declaration_events" USING btree ("declaration_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_notices_round_uq" ON "declaration_notices" USING btree ("declaration_id","stage","round");--> statement-breakpoint
CREATE INDEX "declaration_notices_open_idx" ON "declaration_notices" USING btree ("resolved_at","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_snapshots_version_uq" ON "declaration_snapshots" USING btree ("declaration_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_active_uq" ON "declarations" USING btree ("user_id","batch_id") WHERE "declarations"."status" not in ('withdrawn', 'rejected', 'abandoned');--> statement-breakpoint
CREATE INDEX "declarations_user_idx" ON "declarations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "declarations_unit_idx" ON "declarations" USING btree ("unit_org_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "declarations_unit_order_idx" ON "declarations" USING btree ("unit_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "declarations_dept_idx" ON "declarations" USING btree ("dept_org_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "declarations_dept_order_idx" ON "declarations" USING btree ("dept_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "declarations_hrss_idx" ON "declarations" USING btree ("hrss_org_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "declarations_hrss_order_idx" ON "declarations" USING btree ("hrss_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "declarations_hrss_visible_idx" ON "declarations" USING btree ("hrss_org_id","submitted_at","id") WHERE "declarations"."unit_recommended_at" is not null;--> statement-breakpoint
CREATE INDEX "declarations_forming_idx" ON "declarations" USING btree ("forming_org_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "declarations_forming_order_idx" ON "declarations" USING btree ("forming_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "declarations_committee_idx" ON "declarations" USING btree ("committee_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "declarations_batch_idx" ON "declarations" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "declarations_id_number_idx" ON "declarations" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "declarations_returned_idx" ON "declarations" USING btree ("status","returned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "eligibility_rules_uq" ON "eligibility_rules" USING btree ("series","level","education");--> statement-breakpoint
CREATE INDEX "integrity_records_person_idx" ON "integrity_records" USING btree ("id_type","id_number","bar_until");--> statement-breakpoint
CREATE INDEX "publicities_unit_idx" ON "publicities" USING btree ("unit_org_id","status","posted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_items_uq" ON "publicity_items" USING btree ("publicity_id","declaration_id");--> statement-breakpoint
CREATE INDEX "publicity_items_decl_idx" ON "publicity_items" USING btree ("declaration_id","current");--> statement-breakpoint
CREATE INDEX "publicity_objections_pub_idx" ON "publicity_objections" USING btree ("publicity_id","status");--> statement-breakpoint
CREATE INDEX "publicity_objections_decl_idx" ON "publicity_objections" USING btree ("declaration_id");