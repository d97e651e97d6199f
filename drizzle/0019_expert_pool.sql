CREATE TYPE "public"."conflict_kind" AS ENUM('unit', 'person');--> statement-breakpoint
CREATE TYPE "public"."conflict_relation" AS ENUM('same_unit', 'relative', 'mentor', 'collaborator');--> statement-breakpoint
CREATE TYPE "public"."pool_member_status" AS ENUM('invited', 'active', 'suspended', 'removed');--> statement-breakpoint
CREATE TABLE "expert_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "conflict_kind" NOT NULL,
	"unit_name" text,
	"unit_credit_code" text,
	"person_id_type" "id_type",
	"person_id_number" text,
	"person_name" text,
	"relation" "conflict_relation" NOT NULL,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "expert_pool_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid,
	"invited_name" text NOT NULL,
	"id_type" "id_type" NOT NULL,
	"id_number" text NOT NULL,
	"invited_phone" text NOT NULL,
	"title" text,
	"series" text,
	"specialty" text,
	"level" "title_level",
	"work_unit" text,
	"status" "pool_member_status" DEFAULT 'invited' NOT NULL,
	"reason" text,
	"invited_by" uuid,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"status_changed_by" uuid,
	"status_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"series" text NOT NULL,
	"specialty" text NOT NULL,
	"level" "title_level" NOT NULL,
	"work_unit" text NOT NULL,
	"department" text,
	"phone" text,
	"email" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD CONSTRAINT "expert_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_pool_members" ADD CONSTRAINT "expert_pool_members_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_pool_members" ADD CONSTRAINT "expert_pool_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_pool_members" ADD CONSTRAINT "expert_pool_members_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_pool_members" ADD CONSTRAINT "expert_pool_members_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_profiles" ADD CONSTRAINT "expert_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_conflicts_user_idx" ON "expert_conflicts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "expert_conflicts_person_idx" ON "expert_conflicts" USING btree ("person_id_type","person_id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "expert_pool_members_person_uq" ON "expert_pool_members" USING btree ("org_id","id_type","id_number") WHERE "expert_pool_members"."status" <> 'removed';--> statement-breakpoint
CREATE INDEX "expert_pool_members_org_list_idx" ON "expert_pool_members" USING btree ("org_id","invited_at","id");--> statement-breakpoint
CREATE INDEX "expert_pool_members_org_series_idx" ON "expert_pool_members" USING btree ("org_id","series","specialty");--> statement-breakpoint
CREATE INDEX "expert_pool_members_org_level_idx" ON "expert_pool_members" USING btree ("org_id","level");--> statement-breakpoint
CREATE INDEX "expert_pool_members_org_unit_idx" ON "expert_pool_members" USING btree ("org_id","work_unit");--> statement-breakpoint
CREATE INDEX "expert_pool_members_org_status_idx" ON "expert_pool_members" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "expert_pool_members_user_idx" ON "expert_pool_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "expert_pool_members_id_doc_idx" ON "expert_pool_members" USING btree ("id_type","id_number");