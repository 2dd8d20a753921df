CREATE TYPE "public"."imaging_link_state" AS ENUM('unlinked', 'linked');--> statement-breakpoint
CREATE TABLE "imaging_previews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"pacs_instance_id" text NOT NULL,
	"position" integer NOT NULL,
	"modality" text,
	"caption" text,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imaging_studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pacs_peer" text NOT NULL,
	"pacs_study_id" text NOT NULL,
	"study_instance_uid" text NOT NULL,
	"accession_number" text,
	"dicom_patient_id" text,
	"dicom_patient_name" text,
	"study_date" date,
	"description" text,
	"modalities" text[] DEFAULT '{}' NOT NULL,
	"instance_count" integer DEFAULT 0 NOT NULL,
	"sr_report_text" text,
	"link_state" "imaging_link_state" DEFAULT 'unlinked' NOT NULL,
	"unlinked_reason" text,
	"order_id" uuid,
	"patient_id" uuid,
	"result_id" uuid,
	"linked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pacs_cursors" (
	"pacs_peer" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_lookup_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "results" ADD COLUMN "released_by_rule" text;--> statement-breakpoint
ALTER TABLE "imaging_previews" ADD CONSTRAINT "imaging_previews_study_id_imaging_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."imaging_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_studies" ADD CONSTRAINT "imaging_studies_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_studies" ADD CONSTRAINT "imaging_studies_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_studies" ADD CONSTRAINT "imaging_studies_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_lookup_links" ADD CONSTRAINT "result_lookup_links_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_lookup_links" ADD CONSTRAINT "result_lookup_links_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "imaging_previews_study_instance_uq" ON "imaging_previews" USING btree ("study_id","pacs_instance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "imaging_studies_peer_study_uq" ON "imaging_studies" USING btree ("pacs_peer","pacs_study_id");--> statement-breakpoint
CREATE INDEX "imaging_studies_accession_idx" ON "imaging_studies" USING btree ("accession_number");--> statement-breakpoint
CREATE INDEX "imaging_studies_unlinked_idx" ON "imaging_studies" USING btree ("created_at") WHERE "imaging_studies"."link_state" = 'unlinked';--> statement-breakpoint
CREATE INDEX "imaging_studies_result_idx" ON "imaging_studies" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "result_lookup_links_result_idx" ON "result_lookup_links" USING btree ("result_id");