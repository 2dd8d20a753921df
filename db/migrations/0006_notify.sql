ALTER TABLE "notification_attempts" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "notification_attempts" ADD COLUMN "account" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "plan_index" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "channel_tries" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_lease_idx" ON "notifications" USING btree ("lease_until") WHERE "notifications"."state" = 'sending';--> statement-breakpoint
CREATE INDEX "notifications_template_created_idx" ON "notifications" USING btree ("template_key","created_at");--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");