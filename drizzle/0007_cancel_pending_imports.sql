-- The staging rows gain certificate-number prefix columns (next migration). Previews staged before
-- this release have no prefix: cancel them (the committee uploads the file again) and drop their rows.
UPDATE "roster_imports" SET "status" = 'cancelled', "message" = '系统已升级，请重新上传该文件', "decided_at" = now()
WHERE "status" IN ('parsing', 'pending');
--> statement-breakpoint
DELETE FROM "roster_import_rows";
