CREATE TYPE "public"."identity_assurance" AS ENUM('self_registered', 'verified');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "identity_assurance" "identity_assurance" DEFAULT 'self_registered' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "identity_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "oidc_issuer" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "oidc_subject" text;--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_uq" ON "users" USING btree ("oidc_issuer","oidc_subject");