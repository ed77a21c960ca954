-- A record entered by mistake is voided with a reason, never deleted: statements skip it and the
-- trail stays for the reviewer.
alter table meal_served add column voided_at timestamptz, add column voided_by text, add column void_reason text;
alter table service_record add column voided_at timestamptz, add column voided_by text, add column void_reason text;
