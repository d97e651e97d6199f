CREATE TYPE "public"."dispute_proof_type" AS ENUM('pdf', 'jpeg', 'png');--> statement-breakpoint
CREATE TYPE "public"."id_dispute_status" AS ENUM('pending', 'upheld', 'rejected');--> statement-breakpoint
CREATE TABLE "id_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "id_dispute_status" DEFAULT 'pending' NOT NULL,
	"filer_id" uuid NOT NULL,
	"occupant_id" uuid NOT NULL,
	"claimed_name" text NOT NULL,
	"claimed_id_type" "id_type" NOT NULL,
	"claimed_id_number" text NOT NULL,
	"region_org_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"proof_type" "dispute_proof_type" NOT NULL,
	"proof_data" "bytea" NOT NULL,
	"proof_bytes" integer NOT NULL,
	"proof_sha256" text NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "id_disputes" ADD CONSTRAINT "id_disputes_filer_id_users_id_fk" FOREIGN KEY ("filer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_disputes" ADD CONSTRAINT "id_disputes_occupant_id_users_id_fk" FOREIGN KEY ("occupant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_disputes" ADD CONSTRAINT "id_disputes_region_org_id_orgs_id_fk" FOREIGN KEY ("region_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_disputes" ADD CONSTRAINT "id_disputes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "id_disputes_region_idx" ON "id_disputes" USING btree ("region_org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "id_disputes_filer_idx" ON "id_disputes" USING btree ("filer_id");