CREATE TYPE "public"."obtain_method" AS ENUM('review', 'exam', 'recognition');--> statement-breakpoint
CREATE TYPE "public"."roster_import_status" AS ENUM('parsing', 'pending', 'failed', 'committed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."roster_source" AS ENUM('manual', 'import');--> statement-breakpoint
CREATE TYPE "public"."roster_status" AS ENUM('draft', 'awaiting_photo', 'photo_submitted', 'photo_approved', 'submitted', 'confirmed', 'returned', 'revoked', 'superseded');--> statement-breakpoint
CREATE TABLE "roster_cert_counters" (
	"committee_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "roster_cert_counters_committee_id_year_pk" PRIMARY KEY("committee_id","year")
);
--> statement-breakpoint
CREATE TABLE "roster_import_rows" (
	"import_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_type" "id_type" NOT NULL,
	"id_number" text NOT NULL,
	"nationality" text,
	"work_unit" text NOT NULL,
	"series" text NOT NULL,
	"specialty" text NOT NULL,
	"qualification_name" text NOT NULL,
	"level" "title_level" NOT NULL,
	"obtain_method" "obtain_method" NOT NULL,
	"pass_date" date NOT NULL,
	"pass_year" integer NOT NULL,
	"approval_no" text NOT NULL,
	"issuing_authority" text,
	"issue_date" date,
	CONSTRAINT "roster_import_rows_import_id_row_no_pk" PRIMARY KEY("import_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "roster_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_size" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"status" "roster_import_status" DEFAULT 'parsing' NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"add_count" integer DEFAULT 0 NOT NULL,
	"existing_count" integer DEFAULT 0 NOT NULL,
	"rejected_count" integer DEFAULT 0 NOT NULL,
	"example_count" integer DEFAULT 0 NOT NULL,
	"message" text,
	"rejected" jsonb,
	"header_row" integer,
	"added_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"parsed_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "roster_record_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"from_status" "roster_status" NOT NULL,
	"to_status" "roster_status" NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"status" "roster_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"cert_no" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_type" "id_type" NOT NULL,
	"id_number" text NOT NULL,
	"nationality" text,
	"work_unit" text NOT NULL,
	"series" text NOT NULL,
	"specialty" text NOT NULL,
	"qualification_name" text NOT NULL,
	"level" "title_level" NOT NULL,
	"obtain_method" "obtain_method" NOT NULL,
	"pass_date" date NOT NULL,
	"pass_year" integer NOT NULL,
	"approval_no" text NOT NULL,
	"issuing_authority" text NOT NULL,
	"issue_date" date NOT NULL,
	"source" "roster_source" NOT NULL,
	"import_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "roster_cert_counters" ADD CONSTRAINT "roster_cert_counters_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_record_events" ADD CONSTRAINT "roster_record_events_record_id_roster_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."roster_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_records" ADD CONSTRAINT "roster_records_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_imports_committee_idx" ON "roster_imports" USING btree ("committee_id","created_at");--> statement-breakpoint
CREATE INDEX "roster_record_events_record_idx" ON "roster_record_events" USING btree ("record_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_records_key_uq" ON "roster_records" USING btree ("committee_id","id_type","id_number","qualification_name","pass_year");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_records_cert_no_uq" ON "roster_records" USING btree ("cert_no");--> statement-breakpoint
CREATE INDEX "roster_records_committee_status_idx" ON "roster_records" USING btree ("committee_id","status");--> statement-breakpoint
CREATE INDEX "roster_records_committee_created_idx" ON "roster_records" USING btree ("committee_id","created_at");--> statement-breakpoint
CREATE INDEX "roster_records_id_number_idx" ON "roster_records" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "roster_records_name_idx" ON "roster_records" USING btree ("name");