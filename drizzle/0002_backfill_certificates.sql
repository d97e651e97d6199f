CREATE TYPE "public"."roster_batch_item_result" AS ENUM('submitted', 'confirmed', 'returned');--> statement-breakpoint
CREATE TYPE "public"."roster_batch_status" AS ENUM('submitted', 'confirmed');--> statement-breakpoint
CREATE TYPE "public"."photo_status" AS ENUM('pending', 'submitted', 'approved', 'rejected', 'replaced');--> statement-breakpoint
CREATE TYPE "public"."certificate_status" AS ENUM('valid', 'revoked', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."lookup_channel" AS ENUM('public', 'holder', 'verify_link');--> statement-breakpoint
CREATE TYPE "public"."lookup_outcome" AS ENUM('hit', 'miss', 'limited', 'bad_captcha');--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"org_id" uuid,
	"record_id" uuid,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "roster_batch_items" (
	"batch_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"result" "roster_batch_item_result" DEFAULT 'submitted' NOT NULL,
	"return_reason" text,
	CONSTRAINT "roster_batch_items_batch_id_record_id_pk" PRIMARY KEY("batch_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "roster_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_no" text NOT NULL,
	"committee_id" uuid NOT NULL,
	"status" "roster_batch_status" DEFAULT 'submitted' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_count" integer NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"approval_no" text,
	"issue_date" date,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"returned_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "roster_batches_batch_no_unique" UNIQUE("batch_no")
);
--> statement-breakpoint
CREATE TABLE "roster_exclusions" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"excluded_by" uuid NOT NULL,
	"excluded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"status" "photo_status" DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "captcha_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"answer_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "certificate_lookups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"certificate_id" uuid,
	"channel" "lookup_channel" NOT NULL,
	"outcome" "lookup_outcome" NOT NULL,
	"key_hash" text,
	"ip_hash" text
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cert_no" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "certificate_status" DEFAULT 'valid' NOT NULL,
	"roster_record_id" uuid,
	"committee_id" uuid NOT NULL,
	"committee_name" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_type" "id_type" NOT NULL,
	"id_number" text NOT NULL,
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
	"photo_id" uuid,
	"verify_token" text NOT NULL,
	"signature" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text,
	"superseded_by_id" uuid,
	"correction_reason" text
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "photo_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_record_id_roster_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."roster_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_batch_items" ADD CONSTRAINT "roster_batch_items_batch_id_roster_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."roster_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_batch_items" ADD CONSTRAINT "roster_batch_items_record_id_roster_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."roster_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_batches" ADD CONSTRAINT "roster_batches_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_batches" ADD CONSTRAINT "roster_batches_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_batches" ADD CONSTRAINT "roster_batches_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_exclusions" ADD CONSTRAINT "roster_exclusions_record_id_roster_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."roster_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_exclusions" ADD CONSTRAINT "roster_exclusions_excluded_by_users_id_fk" FOREIGN KEY ("excluded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_photos" ADD CONSTRAINT "roster_photos_record_id_roster_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."roster_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_photos" ADD CONSTRAINT "roster_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_photos" ADD CONSTRAINT "roster_photos_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_lookups" ADD CONSTRAINT "certificate_lookups_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_roster_record_id_roster_records_id_fk" FOREIGN KEY ("roster_record_id") REFERENCES "public"."roster_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_photo_id_roster_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."roster_photos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_superseded_by_id_certificates_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_org_idx" ON "notifications" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "roster_batch_items_record_idx" ON "roster_batch_items" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "roster_batches_status_idx" ON "roster_batches" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "roster_batches_committee_idx" ON "roster_batches" USING btree ("committee_id","submitted_at");--> statement-breakpoint
CREATE INDEX "roster_photos_record_idx" ON "roster_photos" USING btree ("record_id","created_at");--> statement-breakpoint
CREATE INDEX "roster_photos_status_idx" ON "roster_photos" USING btree ("status");--> statement-breakpoint
CREATE INDEX "certificate_lookups_cert_idx" ON "certificate_lookups" USING btree ("certificate_id","at");--> statement-breakpoint
CREATE INDEX "certificate_lookups_at_idx" ON "certificate_lookups" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_no_version_uq" ON "certificates" USING btree ("cert_no","version");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_verify_token_uq" ON "certificates" USING btree ("verify_token");--> statement-breakpoint
CREATE INDEX "certificates_id_number_idx" ON "certificates" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "certificates_name_idx" ON "certificates" USING btree ("name");--> statement-breakpoint
CREATE INDEX "certificates_record_idx" ON "certificates" USING btree ("roster_record_id");