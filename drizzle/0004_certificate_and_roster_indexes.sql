ALTER TABLE "certificates" DROP CONSTRAINT "certificates_committee_id_committees_id_fk";
--> statement-breakpoint
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_issued_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_revoked_by_users_id_fk";
--> statement-breakpoint
DROP INDEX "roster_records_name_idx";--> statement-breakpoint
DROP INDEX "certificates_name_idx";