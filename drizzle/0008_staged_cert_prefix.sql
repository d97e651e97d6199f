ALTER TABLE "roster_import_rows" ADD COLUMN "cert_prefix" text NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_import_rows" ADD COLUMN "cert_prefix_sum" integer NOT NULL;