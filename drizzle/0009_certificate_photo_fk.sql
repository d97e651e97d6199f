ALTER TABLE "certificates" DROP CONSTRAINT "certificates_photo_id_roster_photos_id_fk";
