ALTER TABLE "review_rounds" ADD COLUMN "acting_chair_user_id" uuid;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD COLUMN "acting_chair_reason" text;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_acting_chair_user_id_users_id_fk" FOREIGN KEY ("acting_chair_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;