-- Device registry, app credentials, ingest storage and device state of device-gateway.

CREATE TABLE device (
    device_id        text PRIMARY KEY,
    model            text NOT NULL,
    firmware         text NOT NULL,
    serial           text NOT NULL UNIQUE,
    imei             text,
    status           text NOT NULL,            -- ACTIVE | RETIRED
    elder_id         text,                     -- current binding, null when unbound
    secret_hash      text NOT NULL,
    secret_issued_at timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    retired_at       timestamptz
);
CREATE INDEX device_elder_idx ON device (elder_id) WHERE elder_id IS NOT NULL;

-- Every binding ever made; the open one has unbound_at null.
CREATE TABLE device_binding (
    id         bigserial PRIMARY KEY,
    device_id  text NOT NULL REFERENCES device (device_id),
    elder_id   text NOT NULL,
    bound_at   timestamptz NOT NULL,
    unbound_at timestamptz
);
CREATE INDEX device_binding_device_idx ON device_binding (device_id, bound_at DESC);
CREATE UNIQUE INDEX device_binding_open_idx ON device_binding (device_id) WHERE unbound_at IS NULL;

CREATE TABLE app_credential (
    user_id       text PRIMARY KEY,
    password_hash text NOT NULL,
    issued_at     timestamptz NOT NULL,
    revoked_at    timestamptz
);

CREATE TABLE device_state (
    device_id        text PRIMARY KEY REFERENCES device (device_id),
    online           boolean,
    status_ts        timestamptz,
    -- the connectivity change last seen and whether its internal event went out (redelivery republishes)
    status_event_id  text,
    status_published boolean NOT NULL DEFAULT true,
    last_seen        timestamptz,
    sample_ts        timestamptz,
    battery          integer,
    worn             boolean,
    lat              double precision,
    lon              double precision,
    acc              double precision,
    loc_ts           timestamptz,
    firmware         text
);

-- Raw telemetry, partitioned by the watch's own timestamp (one partition per UTC day).
-- The unique key both drops resends (same id, same ts) and must contain the partition key.
CREATE TABLE telemetry (
    device_id   text NOT NULL,
    msg_id      text NOT NULL,
    ts          timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    elder_id    text,
    hr          smallint,
    spo2        smallint,
    steps       integer,
    battery     smallint,
    worn        boolean,
    lat         double precision,
    lon         double precision,
    acc         real,
    UNIQUE (device_id, msg_id, ts)
) PARTITION BY RANGE (ts);
-- Safety net only: partitions are created days ahead, and the validator refuses data older than
-- the oldest partition kept; a row here means a clock far off that slipped through.
CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT;
CREATE INDEX telemetry_device_ts_idx ON telemetry (device_id, ts DESC);
CREATE INDEX telemetry_elder_ts_idx ON telemetry (elder_id, ts DESC);

-- Everything else a watch or app sent that has an id: events, motion windows, locations, acks.
-- Its primary key drops resends; published records whether the internal event went out, so that
-- a resend after a failed publication publishes it then.
CREATE TABLE inbound_message (
    sender      text NOT NULL,
    msg_id      text NOT NULL,
    kind        text NOT NULL,           -- EVENT | MOTION | LOCATION | ACK
    type        text,                    -- the event type for EVENT
    ts          timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    elder_id    text,
    published   boolean NOT NULL,
    body        jsonb,
    PRIMARY KEY (sender, msg_id)
);
CREATE INDEX inbound_message_received_idx ON inbound_message (received_at);
CREATE INDEX inbound_message_unbound_idx ON inbound_message (sender, received_at DESC) WHERE kind = 'EVENT';

CREATE TABLE quarantine (
    id          bigserial PRIMARY KEY,
    sender      text,
    topic       text NOT NULL,
    reason      text NOT NULL,
    detail      text,
    received_at timestamptz NOT NULL,
    size        integer NOT NULL,
    payload     bytea NOT NULL
);
CREATE INDEX quarantine_sender_idx ON quarantine (sender, received_at DESC);
CREATE INDEX quarantine_reason_idx ON quarantine (reason, received_at DESC);
