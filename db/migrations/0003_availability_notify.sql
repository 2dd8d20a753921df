-- Availability answers are cached in memory by every hub process (hub/booking/availability-cache.ts). Anything that
-- changes what is bookable signals on commit, once per statement, so the caches drop their entries at once whatever
-- code path (or operator) made the change.
CREATE OR REPLACE FUNCTION notify_availability_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('availability_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER booking_slots_availability AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON booking_slots
  FOR EACH STATEMENT EXECUTE FUNCTION notify_availability_changed();
--> statement-breakpoint
CREATE TRIGGER days_off_availability AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON days_off
  FOR EACH STATEMENT EXECUTE FUNCTION notify_availability_changed();
--> statement-breakpoint
CREATE TRIGGER doctors_availability AFTER UPDATE OR DELETE ON doctors
  FOR EACH STATEMENT EXECUTE FUNCTION notify_availability_changed();
--> statement-breakpoint
CREATE TRIGGER branches_availability AFTER UPDATE OR DELETE ON branches
  FOR EACH STATEMENT EXECUTE FUNCTION notify_availability_changed();
--> statement-breakpoint
CREATE TRIGGER service_packages_availability AFTER UPDATE OR DELETE ON service_packages
  FOR EACH STATEMENT EXECUTE FUNCTION notify_availability_changed();
