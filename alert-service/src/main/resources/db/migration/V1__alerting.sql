-- alert-service schema "alerting". Times are timestamptz (UTC inside).

-- Every handled event id: inserted in the same transaction as the event's effect (idempotence).
create table processed_events (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);

-- Messages that could not be understood: kept for inspection, never retried.
create table rejected_messages (
    id          bigserial primary key,
    topic       text not null,
    reason      text not null,
    payload     text,
    received_at timestamptz not null default now()
);

-- The alert service's own copy of who to notify (from visit-service), newest version wins.
create table care_circles (
    elder_id   text primary key,
    version    bigint not null,
    active     boolean not null,
    station_id text,
    area_code  text,
    body       jsonb not null,
    updated_at timestamptz not null default now()
);

-- Family members' app user ids per elder, for the family's read access.
create table elder_contacts (
    elder_id text not null,
    user_id  text not null,
    primary key (elder_id, user_id)
);
create index elder_contacts_user on elder_contacts (user_id);

create table visitor_profiles (
    visitor_id text primary key,
    version    bigint not null,
    active     boolean not null,
    station_id text,
    area_code  text,
    body       jsonb not null
);

create table visitor_positions (
    visitor_id text primary key,
    on_duty    boolean not null,
    lat        double precision,
    lon        double precision,
    reported_at timestamptz not null
);

create table alerts (
    id              uuid primary key,
    elder_id        text not null,
    kind            text not null,
    severity        text not null,
    state           text not null,
    station_id      text,
    area_code       text,
    device_id       text,
    source_event_id text,
    occurred_at     timestamptz not null,
    opened_at       timestamptz not null default now(),
    last_seen_at    timestamptz not null,
    repeat_count    integer not null default 1,
    lat             double precision,
    lon             double precision,
    detail          text,
    tier            integer not null default 0,
    pending_cancel  boolean not null default false,
    accepted_by     text,
    accepted_at     timestamptz,
    arrived_at      timestamptz,
    resolved_at     timestamptz,
    resolution_note text,
    verified_at     timestamptz,
    closed_at       timestamptz,
    cancelled_at    timestamptz,
    cancel_reason   text,
    updated_at      timestamptz not null default now()
);
-- At most one open alert per elder and kind, whatever the number of replicas: repeats become
-- INSERT ... ON CONFLICT DO UPDATE against this index.
create unique index alerts_one_open on alerts (elder_id, kind)
    where state in ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'ARRIVED');
create index alerts_station_open on alerts (station_id) where state in ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'ARRIVED');
create index alerts_area_opened on alerts (area_code, opened_at);
create index alerts_source_event on alerts (source_event_id);

-- The alert's timeline: transitions, repeats, notifications sent, receipts, escalations.
create table alert_timeline (
    id         bigserial primary key,
    alert_id   uuid not null references alerts (id),
    at         timestamptz not null default clock_timestamp(),
    entry      text not null,
    from_state text,
    to_state   text,
    actor      text not null,
    note       text
);
create index alert_timeline_alert on alert_timeline (alert_id, id);

-- One message to one recipient on one channel, and its delivery state. id = the notificationId.
create table notifications (
    id              uuid primary key,
    alert_id        uuid not null references alerts (id),
    tier            integer not null,
    role            text not null,
    channel         text not null,
    address         text not null,
    user_id         text,
    payload         jsonb not null,
    status          text not null default 'PENDING',
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    last_error      text,
    receipt         text,
    receipt_at      timestamptz
);
create index notifications_alert on notifications (alert_id);
create index notifications_user on notifications (user_id, alert_id);
create index notifications_due on notifications (next_attempt_at) where status = 'PENDING';

create table delivery_attempts (
    id              bigserial primary key,
    notification_id uuid not null references notifications (id),
    attempt         integer not null,
    at              timestamptz not null default now(),
    ok              boolean not null,
    detail          text
);
create index delivery_attempts_notification on delivery_attempts (notification_id);

-- Durable timers: cancel windows, escalation tiers, arrival deadlines, device offline grace,
-- watch-off, sustained vitals and the next check-in deadline. Claimed with FOR UPDATE SKIP LOCKED,
-- so each fires once across replicas; the firing's effect commits with its deletion.
create table timers (
    id         bigserial primary key,
    kind       text not null,
    timer_key  text not null,
    due_at     timestamptz not null,
    alert_id   uuid,
    payload    jsonb,
    claimed_by text,
    created_at timestamptz not null default now(),
    unique (kind, timer_key)
);
create index timers_due on timers (due_at);

-- Falls the wearer cancelled (the cancel may overtake the fall itself).
create table cancelled_falls (
    fall_event_id text primary key,
    cancelled_at  timestamptz not null
);

-- Vital signs currently out of the elder's bounds.
create table vital_excursions (
    elder_id  text not null,
    kind      text not null,
    since     timestamptz not null,
    last_seen timestamptz not null,
    last_value integer,
    primary key (elder_id, kind)
);
