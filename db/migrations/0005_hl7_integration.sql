ALTER TABLE "integration_messages" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "integration_messages" ADD COLUMN "ordering_key" text;--> statement-breakpoint
ALTER TABLE "integration_messages" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_messages" ADD COLUMN "replay_of_id" uuid;--> statement-breakpoint
ALTER TABLE "integration_messages" ADD COLUMN "replaced_by_id" uuid;--> statement-breakpoint
ALTER TABLE "integration_messages" ADD CONSTRAINT "integration_messages_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_messages" ADD CONSTRAINT "integration_messages_replay_of_id_integration_messages_id_fk" FOREIGN KEY ("replay_of_id") REFERENCES "public"."integration_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_messages" ADD CONSTRAINT "integration_messages_replaced_by_id_integration_messages_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."integration_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_messages_ordering_idx" ON "integration_messages" USING btree ("ordering_key","seq") WHERE "integration_messages"."ordering_key" is not null;--> statement-breakpoint
CREATE INDEX "integration_messages_patient_idx" ON "integration_messages" USING btree ("patient_id","created_at");