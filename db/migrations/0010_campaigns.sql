ALTER TABLE "campaign_recipients" ADD COLUMN "click_token" text NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "channel" "channel";--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "provider_code" text;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "cost_vnd" bigint;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "clicked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "booked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "booked_appointment_id" uuid;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "sms_fallback_text" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "target_url" text NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "attribution_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "fanout_cursor" uuid;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "fanout_page" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "fanout_done" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "round" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_booked_appointment_id_appointments_id_fk" FOREIGN KEY ("booked_appointment_id") REFERENCES "public"."appointments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_recipients_click_token_uq" ON "campaign_recipients" USING btree ("click_token");--> statement-breakpoint
CREATE INDEX "campaign_recipients_notification_idx" ON "campaign_recipients" USING btree ("notification_id") WHERE "campaign_recipients"."notification_id" is not null;