-- visit-service schema: elders and their care circles, patrol visitors, visit plans and records,
-- idempotency records of the app's writes, and the outbox of messages to publish.

create sequence elder_seq;
create sequence visitor_seq;

create table station (
    station_id    varchar(64) primary key,
    name          varchar(200) not null,
    area_code     varchar(32),
    duty_user_ids text not null default '',
    duty_phone    varchar(40),
    updated_at    timestamptz not null
);

create table elder (
    id                  varchar(32) primary key,
    name                varchar(100) not null,
    national_id_cipher  text not null,
    national_id_hash    varchar(64) not null unique,
    national_id_masked  varchar(18) not null,
    birth_date          date not null,
    gender              varchar(8) not null,
    address             varchar(300) not null,
    home_lat            double precision not null,
    home_lon            double precision not null,
    area_code           varchar(32) not null,
    station_id          varchar(64) not null references station(station_id),
    care_categories     text not null default '',
    risk_level          varchar(8) not null,
    checkin_enabled     boolean,
    checkin_deadline    varchar(5),
    safe_zone_enabled   boolean not null default false,
    safe_zone_radius    integer,
    safe_zone_lat       double precision,
    safe_zone_lon       double precision,
    hr_min              integer,
    hr_max              integer,
    spo2_min            integer,
    monitoring_consent  boolean not null,
    consent_at          timestamptz,
    active              boolean not null default true,
    version             bigint not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index elder_station on elder(station_id);
create index elder_area on elder(area_code);

create table family_contact (
    id         bigserial primary key,
    elder_id   varchar(32) not null references elder(id),
    user_id    varchar(64),
    name       varchar(100) not null,
    relation   varchar(40) not null,
    phone      varchar(40) not null,
    priority   integer not null,
    channels   text not null
);
create index family_contact_elder on family_contact(elder_id);
create index family_contact_user on family_contact(user_id);

create table visitor (
    id          varchar(32) primary key,
    name        varchar(100) not null,
    phone       varchar(40) not null,
    kind        varchar(16) not null,
    area_code   varchar(32) not null,
    station_id  varchar(64) references station(station_id),
    schedule    text not null default '[]',
    active      boolean not null default true,
    version     bigint not null,
    updated_at  timestamptz not null
);

create table assignment (
    elder_id    varchar(32) not null references elder(id),
    visitor_id  varchar(32) not null references visitor(id),
    position    integer not null,
    primary key (elder_id, visitor_id)
);
create index assignment_visitor on assignment(visitor_id);

create table circle_change (
    id          bigserial primary key,
    elder_id    varchar(32) not null references elder(id),
    version     bigint not null,
    changed_at  timestamptz not null,
    changed_by  varchar(64) not null,
    summary     varchar(300) not null,
    snapshot    text not null
);
create index circle_change_elder on circle_change(elder_id, version);

create table dispatch_grant (
    alert_id    varchar(64) not null,
    visitor_id  varchar(32) not null,
    elder_id    varchar(32) not null references elder(id),
    until       timestamptz not null,
    created_at  timestamptz not null,
    primary key (alert_id, visitor_id)
);
create index dispatch_grant_visitor on dispatch_grant(visitor_id, elder_id);

create table visit (
    id                 varchar(64) primary key,
    elder_id           varchar(32) not null references elder(id),
    visitor_id         varchar(64) not null,
    status             varchar(16) not null,
    kind               varchar(16) not null,
    started_at         timestamptz not null,
    start_lat          double precision,
    start_lon          double precision,
    start_acc          double precision,
    start_distance_m   integer,
    far_from_home      boolean not null default false,
    condition          varchar(16),
    needs              text,
    hazards            text,
    follow_ups         text,
    note               text,
    completed_at       timestamptz,
    completed_received_at timestamptz,
    version            integer not null,
    updated_at         timestamptz not null,
    updated_by         varchar(64) not null
);
create index visit_elder on visit(elder_id, started_at);
create index visit_visitor on visit(visitor_id, started_at);

create table plan_item (
    id            bigserial primary key,
    elder_id      varchar(32) not null references elder(id),
    visitor_id    varchar(32),
    area_code     varchar(32) not null,
    station_id    varchar(64) not null,
    period_start  date not null,
    due_date      date not null,
    frequency     varchar(16) not null,
    phone_allowed boolean not null,
    rule_version  varchar(32) not null,
    status        varchar(16) not null,
    visit_id      varchar(64),
    done_at       timestamptz,
    unique (elder_id, period_start)
);
create index plan_item_visitor on plan_item(visitor_id, due_date);
create index plan_item_open on plan_item(status, due_date);

create table client_write (
    client_id     varchar(64) primary key,
    caller        varchar(64) not null,
    operation     varchar(32) not null,
    request_json  text not null,
    status        integer not null,
    response_json text not null,
    created_at    timestamptz not null
);

create table outbox (
    id          bigserial primary key,
    topic       varchar(300) not null,
    payload     text not null,
    created_at  timestamptz not null,
    sent_at     timestamptz,
    attempts    integer not null default 0,
    last_error  varchar(500)
);
create index outbox_pending on outbox(id) where sent_at is null;
