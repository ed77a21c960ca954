-- The operation names the visit it applies to ("RECORD <visit uuid>"), longer than 32 characters.
alter table client_write alter column operation type varchar(80);
