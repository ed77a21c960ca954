-- What a notification is for: ALERT (a tier told to act, answered with receipts) or CLEARED (the
-- condition cleared by itself; for information only). Only ALERT rows count for escalation.
alter table notifications add column purpose text not null default 'ALERT';
