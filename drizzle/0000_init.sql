CREATE TYPE "public"."org_kind" AS ENUM('hrss', 'dept', 'unit');--> statement-breakpoint
CREATE TYPE "public"."org_level" AS ENUM('province', 'city', 'county');--> statement-breakpoint
CREATE TYPE "public"."org_status" AS ENUM('pending', 'active', 'rejected', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."id_type" AS ENUM('resident', 'hmt_permit', 'foreign_permanent', 'passport');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('person', 'unit', 'dept', 'hrss', 'self_unit', 'expert', 'committee_member');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('pending', 'active', 'disabled', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."committee_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."title_level" AS ENUM('senior_full', 'senior_deputy', 'intermediate', 'assistant', 'junior');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'failure', 'denied');--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "org_kind" NOT NULL,
	"level" "org_level",
	"region_code" text NOT NULL,
	"parent_id" uuid,
	"supervisor_id" uuid,
	"credit_code" text,
	"self_evaluating" boolean DEFAULT false NOT NULL,
	"is_cert_division" boolean DEFAULT false NOT NULL,
	"status" "org_status" DEFAULT 'active' NOT NULL,
	"reject_reason" text,
	"contact_name" text,
	"contact_phone" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text,
	"role" "user_role" NOT NULL,
	"org_id" uuid,
	"name" text NOT NULL,
	"id_type" "id_type",
	"id_number" text,
	"nationality" text,
	"gender" text,
	"birth_date" date,
	"phone" text,
	"password_hash" text NOT NULL,
	"status" "user_status" DEFAULT 'active' NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"first_failed_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"sensitive_consent_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"series" text NOT NULL,
	"specialty" text,
	"level_from" "title_level" NOT NULL,
	"level_to" "title_level" NOT NULL,
	"forming_org_id" uuid NOT NULL,
	"status" "committee_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committees_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"actor_org_id" uuid,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"outcome" "audit_outcome" NOT NULL,
	"detail" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_parent_id_orgs_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_supervisor_id_orgs_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_forming_org_id_orgs_id_fk" FOREIGN KEY ("forming_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orgs_parent_idx" ON "orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "orgs_supervisor_idx" ON "orgs" USING btree ("supervisor_id");--> statement-breakpoint
CREATE INDEX "orgs_status_idx" ON "orgs" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "users_id_doc_uq" ON "users" USING btree ("id_type","id_number");--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "users_id_number_idx" ON "users" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "committees_forming_org_idx" ON "committees" USING btree ("forming_org_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "audit_org_idx" ON "audit_log" USING btree ("actor_org_id","at");