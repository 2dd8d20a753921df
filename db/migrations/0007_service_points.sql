CREATE TYPE "public"."practitioner_kind" AS ENUM('doctor', 'service_point');--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "kind" "practitioner_kind" DEFAULT 'doctor' NOT NULL;