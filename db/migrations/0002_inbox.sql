CREATE TYPE "public"."contact_note_kind" AS ENUM('general', 'remarketing');--> statement-breakpoint
CREATE TABLE "contact_merge_dismissals" (
	"contact_id_a" uuid NOT NULL,
	"contact_id_b" uuid NOT NULL,
	"dismissed_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_merge_dismissals_contact_id_a_contact_id_b_pk" PRIMARY KEY("contact_id_a","contact_id_b"),
	CONSTRAINT "contact_merge_dismissals_order" CHECK ("contact_merge_dismissals"."contact_id_a" < "contact_merge_dismissals"."contact_id_b")
);
--> statement-breakpoint
CREATE TABLE "contact_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_contact_id" uuid NOT NULL,
	"source_contact_id" uuid NOT NULL,
	"merged_by_staff_id" uuid,
	"snapshot" jsonb NOT NULL,
	"moved" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" "contact_note_kind" DEFAULT 'general' NOT NULL,
	"body" text NOT NULL,
	"author_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_inbox_state" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"last_assigned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "attachment_blobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "canned_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shortcut" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"team_id" uuid,
	"created_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"color" text DEFAULT '#868e96' NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_mentions" (
	"message_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "message_mentions_message_id_staff_id_pk" PRIMARY KEY("message_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "team_inbox_policies" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"channels" "channel"[] DEFAULT '{}'::channel[] NOT NULL,
	"auto_assign" boolean DEFAULT true NOT NULL,
	"first_response_minutes" integer DEFAULT 30 NOT NULL,
	"resolution_minutes" integer DEFAULT 1440 NOT NULL,
	"business_hours" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_inbox_policies_minutes" CHECK ("team_inbox_policies"."first_response_minutes" > 0 and "team_inbox_policies"."resolution_minutes" > 0)
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "zalo_app_user_id" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_response_breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolution_breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "meta" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_merge_dismissals" ADD CONSTRAINT "contact_merge_dismissals_contact_id_a_contacts_id_fk" FOREIGN KEY ("contact_id_a") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merge_dismissals" ADD CONSTRAINT "contact_merge_dismissals_contact_id_b_contacts_id_fk" FOREIGN KEY ("contact_id_b") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merge_dismissals" ADD CONSTRAINT "contact_merge_dismissals_dismissed_by_staff_id_staff_users_id_fk" FOREIGN KEY ("dismissed_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_target_contact_id_contacts_id_fk" FOREIGN KEY ("target_contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_source_contact_id_contacts_id_fk" FOREIGN KEY ("source_contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_merged_by_staff_id_staff_users_id_fk" FOREIGN KEY ("merged_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_author_staff_id_staff_users_id_fk" FOREIGN KEY ("author_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_inbox_state" ADD CONSTRAINT "agent_inbox_state_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_mentions" ADD CONSTRAINT "message_mentions_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_mentions" ADD CONSTRAINT "message_mentions_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_mentions" ADD CONSTRAINT "message_mentions_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_inbox_policies" ADD CONSTRAINT "team_inbox_policies_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_merges_target_idx" ON "contact_merges" USING btree ("target_contact_id");--> statement-breakpoint
CREATE INDEX "contact_merges_source_idx" ON "contact_merges" USING btree ("source_contact_id");--> statement-breakpoint
CREATE INDEX "contact_notes_contact_idx" ON "contact_notes" USING btree ("contact_id","created_at");--> statement-breakpoint
CREATE INDEX "attachment_blobs_sha256_idx" ON "attachment_blobs" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "canned_responses_shortcut_uq" ON "canned_responses" USING btree (lower("shortcut"));--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_labels_name_uq" ON "inbox_labels" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "message_mentions_staff_idx" ON "message_mentions" USING btree ("staff_id","created_at");--> statement-breakpoint
CREATE INDEX "contacts_zalo_app_user_idx" ON "contacts" USING btree ("zalo_app_user_id");--> statement-breakpoint
CREATE INDEX "contacts_full_name_idx" ON "contacts" USING btree (lower("full_name"));--> statement-breakpoint
CREATE INDEX "conversations_waiting_idx" ON "conversations" USING btree ("team_id","waiting_since") WHERE "conversations"."assignee_staff_id" is null and "conversations"."status" = 'open';