CREATE TYPE "public"."withdrawal_status" AS ENUM('pending', 'approved', 'refused', 'cancelled');--> statement-breakpoint
CREATE TABLE "declaration_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"declaration_id" uuid NOT NULL,
	"from_status" "declaration_status" NOT NULL,
	"holder_org_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "withdrawal_status" DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
DROP INDEX "declaration_batches_committee_idx";--> statement-breakpoint
ALTER TABLE "declaration_batches" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "declaration_batches" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "exceptional_reason" text;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "exceptional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "exceptional_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "exceptional_approved_by" uuid;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "withdrawal_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "declaration_withdrawals" ADD CONSTRAINT "declaration_withdrawals_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_withdrawals" ADD CONSTRAINT "declaration_withdrawals_holder_org_id_orgs_id_fk" FOREIGN KEY ("holder_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_withdrawals" ADD CONSTRAINT "declaration_withdrawals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_withdrawals" ADD CONSTRAINT "declaration_withdrawals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_withdrawals_pending_uq" ON "declaration_withdrawals" USING btree ("declaration_id") WHERE "declaration_withdrawals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "declaration_withdrawals_holder_idx" ON "declaration_withdrawals" USING btree ("holder_org_id","status","requested_at");--> statement-breakpoint
ALTER TABLE "declaration_batches" ADD CONSTRAINT "declaration_batches_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_exceptional_approved_by_users_id_fk" FOREIGN KEY ("exceptional_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_batches_committee_year_uq" ON "declaration_batches" USING btree ("committee_id","year");