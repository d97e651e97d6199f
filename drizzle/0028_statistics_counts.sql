CREATE TABLE "certificate_counts" (
	"month" date NOT NULL,
	"committee_id" uuid NOT NULL,
	"series" text NOT NULL,
	"level" "title_level" NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "certificate_counts_month_committee_id_series_level_pk" PRIMARY KEY("month","committee_id","series","level")
);
--> statement-breakpoint
CREATE TABLE "declaration_counts" (
	"batch_id" uuid NOT NULL,
	"hrss_org_id" uuid,
	"status" "declaration_status" NOT NULL,
	"series" text NOT NULL,
	"target_level" "title_level" NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "declaration_counts_key" UNIQUE NULLS NOT DISTINCT("batch_id","hrss_org_id","status","series","target_level")
);
