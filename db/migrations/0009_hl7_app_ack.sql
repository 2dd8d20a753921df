ALTER TABLE "integration_messages" ADD COLUMN "app_ack_code" text;--> statement-breakpoint
ALTER TABLE "integration_messages" ADD COLUMN "app_ack_payload" text;