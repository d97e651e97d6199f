CREATE TYPE "public"."working_day_kind" AS ENUM('workday', 'holiday');--> statement-breakpoint
CREATE TABLE "working_day_overrides" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" "working_day_kind" NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "working_day_overrides" ADD CONSTRAINT "working_day_overrides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;