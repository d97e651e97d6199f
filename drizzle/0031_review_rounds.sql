CREATE TYPE "public"."ballot_choice" AS ENUM('yes', 'no', 'abstain');--> statement-breakpoint
CREATE TYPE "public"."block_category" AS ENUM('self', 'same_unit', 'same_department', 'declared_id', 'declared_unit', 'open_declaration', 'level_below', 'confirmed_suggestion');--> statement-breakpoint
CREATE TYPE "public"."conflict_source" AS ENUM('rule', 'suggestion');--> statement-breakpoint
CREATE TYPE "public"."round_conflict_status" AS ENUM('blocking', 'suggested', 'pinned', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."round_state" AS ENUM('draft', 'distributed', 'panel_review', 'ballot_open', 'closed', 'signed', 'publicity', 'confirmed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."tally_confirmer_kind" AS ENUM('staff', 'scrutineer');--> statement-breakpoint
CREATE TYPE "public"."tally_result" AS ENUM('passed', 'failed', 'deferred');--> statement-breakpoint
CREATE TABLE "ballot_participation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"receipt" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_staging" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"choice" "ballot_choice" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_votes" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"choice" "ballot_choice" NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "ballot_votes_pk" PRIMARY KEY("round_id","seq")
);
--> statement-breakpoint
CREATE TABLE "opinions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"recommend" boolean NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"is_leader" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_summaries" (
	"candidate_id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"panel_id" uuid NOT NULL,
	"text" text NOT NULL,
	"recommend" boolean NOT NULL,
	"written_by" uuid NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"forming_org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"meeting_date" date NOT NULL,
	"state" "round_state" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"member_count" integer,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"distributed_at" timestamp with time zone,
	"ballot_opened_at" timestamp with time zone,
	"ballot_closed_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	"ballot_box_hash" text,
	"closing_hash" text
);
--> statement-breakpoint
CREATE TABLE "round_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"declaration_id" uuid NOT NULL,
	"panel_id" uuid,
	"position" integer NOT NULL,
	"result" "tally_result",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"category" "block_category" NOT NULL,
	"source" "conflict_source" NOT NULL,
	"status" "round_conflict_status" NOT NULL,
	"evidence" text,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"term_member_id" uuid NOT NULL,
	"position" "term_position" NOT NULL,
	"seated" boolean DEFAULT true NOT NULL,
	"present" boolean DEFAULT false NOT NULL,
	"checked_in_at" timestamp with time zone,
	"present_at_ballot" boolean,
	"pledge_signed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tallies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"members" integer NOT NULL,
	"present" integer NOT NULL,
	"eligible_present" integer NOT NULL,
	"yes" integer NOT NULL,
	"no" integer NOT NULL,
	"abstain" integer NOT NULL,
	"result" "tally_result" NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "tallies_counts_ck" CHECK ("tallies"."yes" >= 0 and "tallies"."no" >= 0 and "tallies"."abstain" >= 0 and "tallies"."yes" + "tallies"."no" + "tallies"."abstain" <= "tallies"."eligible_present")
);
--> statement-breakpoint
CREATE TABLE "tally_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "tally_confirmer_kind" NOT NULL,
	"digest" text NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ballot_participation" ADD CONSTRAINT "ballot_participation_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_participation" ADD CONSTRAINT "ballot_participation_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_staging" ADD CONSTRAINT "ballot_staging_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_staging" ADD CONSTRAINT "ballot_staging_candidate_id_round_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."round_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_candidate_id_round_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."round_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_summaries" ADD CONSTRAINT "panel_summaries_candidate_id_round_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."round_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_summaries" ADD CONSTRAINT "panel_summaries_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_summaries" ADD CONSTRAINT "panel_summaries_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_summaries" ADD CONSTRAINT "panel_summaries_written_by_users_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panels" ADD CONSTRAINT "panels_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_term_id_committee_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."committee_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_forming_org_id_orgs_id_fk" FOREIGN KEY ("forming_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_candidates" ADD CONSTRAINT "round_candidates_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_candidates" ADD CONSTRAINT "round_candidates_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_candidates" ADD CONSTRAINT "round_candidates_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_conflicts" ADD CONSTRAINT "round_conflicts_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_conflicts" ADD CONSTRAINT "round_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_conflicts" ADD CONSTRAINT "round_conflicts_candidate_id_round_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."round_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_conflicts" ADD CONSTRAINT "round_conflicts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_members" ADD CONSTRAINT "round_members_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_members" ADD CONSTRAINT "round_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_members" ADD CONSTRAINT "round_members_term_member_id_committee_term_members_id_fk" FOREIGN KEY ("term_member_id") REFERENCES "public"."committee_term_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tallies" ADD CONSTRAINT "tallies_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tallies" ADD CONSTRAINT "tallies_candidate_id_round_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."round_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tally_confirmations" ADD CONSTRAINT "tally_confirmations_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tally_confirmations" ADD CONSTRAINT "tally_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_participation_uq" ON "ballot_participation" USING btree ("round_id","user_id");--> statement-breakpoint
CREATE INDEX "ballot_participation_receipt_idx" ON "ballot_participation" USING btree ("round_id","receipt");--> statement-breakpoint
CREATE INDEX "ballot_staging_round_idx" ON "ballot_staging" USING btree ("round_id","candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opinions_uq" ON "opinions" USING btree ("candidate_id","user_id");--> statement-breakpoint
CREATE INDEX "opinions_round_idx" ON "opinions" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_members_round_user_uq" ON "panel_members" USING btree ("round_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_members_leader_uq" ON "panel_members" USING btree ("panel_id") WHERE "panel_members"."is_leader";--> statement-breakpoint
CREATE INDEX "panel_members_panel_idx" ON "panel_members" USING btree ("panel_id");--> statement-breakpoint
CREATE INDEX "panel_summaries_round_idx" ON "panel_summaries" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "panels_name_uq" ON "panels" USING btree ("round_id","name");--> statement-breakpoint
CREATE INDEX "review_rounds_forming_idx" ON "review_rounds" USING btree ("forming_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "review_rounds_committee_idx" ON "review_rounds" USING btree ("committee_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "round_candidates_uq" ON "round_candidates" USING btree ("round_id","declaration_id");--> statement-breakpoint
CREATE INDEX "round_candidates_round_idx" ON "round_candidates" USING btree ("round_id","position");--> statement-breakpoint
CREATE INDEX "round_candidates_panel_idx" ON "round_candidates" USING btree ("panel_id");--> statement-breakpoint
CREATE INDEX "round_candidates_decl_idx" ON "round_candidates" USING btree ("declaration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_conflicts_uq" ON "round_conflicts" USING btree ("round_id","user_id","candidate_id","category");--> statement-breakpoint
CREATE INDEX "round_conflicts_candidate_idx" ON "round_conflicts" USING btree ("candidate_id","user_id");--> statement-breakpoint
CREATE INDEX "round_conflicts_user_idx" ON "round_conflicts" USING btree ("round_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_members_uq" ON "round_members" USING btree ("round_id","user_id");--> statement-breakpoint
CREATE INDEX "round_members_user_idx" ON "round_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tallies_candidate_uq" ON "tallies" USING btree ("round_id","candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tallies_seq_uq" ON "tallies" USING btree ("round_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "tally_confirmations_uq" ON "tally_confirmations" USING btree ("round_id","user_id");