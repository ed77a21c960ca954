-- station-ops: stations, agreements, elders' status, meal tables, service records, subsidy rules and statements.

create table station (
    id              varchar(64) primary key,
    name            text        not null,
    district        varchar(64) not null,
    area_type       varchar(8)  not null check (area_type in ('URBAN', 'RURAL')),
    chain_operator  text,
    chain_joined_on date,
    operating_since date        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

-- Star ratings change over time; a month is paid by the rating in force on its first day.
create table station_star_rating (
    id             uuid primary key,
    station_id     varchar(64) not null references station (id),
    stars          int         not null check (stars between 0 and 5),
    effective_from date        not null,
    recorded_at    timestamptz not null,
    recorded_by    text        not null,
    unique (station_id, effective_from)
);

create table service_agreement (
    id          uuid primary key,
    station_id  varchar(64) not null references station (id),
    elder_id    varchar(64) not null,
    start_date  date        not null,
    end_date    date,
    category    varchar(64) not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    check (end_date is null or end_date >= start_date)
);
create index service_agreement_station on service_agreement (station_id, start_date);
create index service_agreement_elder on service_agreement (elder_id);

create table elder_card (
    card_no       varchar(64) primary key,
    elder_id      varchar(64) not null,
    registered_at timestamptz not null,
    registered_by text        not null
);
create index elder_card_elder on elder_card (elder_id);

create table elder_status (
    id           uuid primary key,
    elder_id     varchar(64) not null,
    kind         varchar(16) not null check (kind in ('DECEASED', 'MOVED_AWAY')),
    effective_on date        not null,
    note         text,
    recorded_at  timestamptz not null,
    recorded_by  text        not null,
    unique (elder_id, kind)
);

create table institution_stay (
    id            uuid primary key,
    elder_id      varchar(64) not null,
    facility_id   varchar(64) not null,
    admitted_on   date        not null,
    discharged_on date,
    recorded_at   timestamptz not null,
    recorded_by   text        not null,
    check (discharged_on is null or discharged_on >= admitted_on)
);
create index institution_stay_elder on institution_stay (elder_id);

create table menu_item (
    id           uuid primary key,
    station_id   varchar(64) not null references station (id),
    menu_date    date        not null,
    meal         varchar(16) not null,
    name         text        not null,
    price_fen    bigint      not null check (price_fen >= 0),
    dietary_tags text        not null default '',
    created_at   timestamptz not null
);
create index menu_item_station_date on menu_item (station_id, menu_date);

create table meal_booking (
    id            uuid primary key,
    station_id    varchar(64) not null references station (id),
    elder_id      varchar(64) not null,
    menu_date     date        not null,
    meal          varchar(16) not null,
    menu_item_id  uuid references menu_item (id),
    mode          varchar(16) not null,
    dietary_needs text        not null default '',
    status        varchar(16) not null,
    created_at    timestamptz not null,
    created_by    text        not null
);
create index meal_booking_station_date on meal_booking (station_id, menu_date);

create table meal_served (
    id             uuid primary key,
    station_id     varchar(64) not null references station (id),
    elder_id       varchar(64) not null,
    card_no        varchar(64),
    service_date   date        not null,
    meal           varchar(16) not null,
    menu_item_id   uuid references menu_item (id),
    booking_id     uuid references meal_booking (id),
    mode           varchar(16) not null,
    price_fen      bigint      not null check (price_fen >= 0),
    subsidy_fen    bigint      not null check (subsidy_fen >= 0 and subsidy_fen <= price_fen),
    elder_pays_fen bigint      not null,
    served_at      timestamptz not null,
    recorded_at    timestamptz not null,
    recorded_by    text        not null,
    offline        boolean     not null default false
);
create index meal_served_station_date on meal_served (station_id, service_date);
create index meal_served_elder_date on meal_served (elder_id, service_date);

create table service_record (
    id           uuid primary key,
    station_id   varchar(64) not null references station (id),
    elder_id     varchar(64) not null,
    kind         varchar(32) not null,
    started_at   timestamptz not null,
    service_date date        not null,
    minutes      int         not null check (minutes > 0),
    staff        text        not null,
    notes        text,
    recorded_at  timestamptz not null,
    recorded_by  text        not null
);
create index service_record_station_date on service_record (station_id, service_date);

-- Versioned subsidy rules: district '*' is the default for districts without their own set.
create table subsidy_rule_set (
    id                       uuid primary key,
    district                 varchar(64) not null,
    effective_from           date        not null,
    basic_per_elder_fen      bigint      not null,
    rural_flat_fen           bigint      not null,
    rural_threshold_elders   int         not null,
    star2_fen                bigint      not null,
    star3_plus_fen           bigint      not null,
    chain_per_station_fen    bigint      not null,
    chain_anniversary_years  text        not null,
    meal_assist_fen          bigint      not null,
    meal_min_price_fen       bigint      not null,
    meal_operating_fen       bigint      not null,
    respite_per_bed_day_fen  bigint,
    jump_threshold_percent   int         not null,
    note                     text,
    created_at               timestamptz not null,
    created_by               text        not null,
    unique (district, effective_from)
);

insert into subsidy_rule_set values (
    '00000000-0000-0000-0000-000000002022', '*', date '2022-01-01',
    18000, 1400000, 80, 200000, 300000, 1000000, '1,2', 500, 500, 300, null, 150,
    'Beijing community elderly-care station operating rules in force since 2022; respite rate left to each district',
    now(), 'migration');

create table subsidy_statement (
    id               uuid primary key,
    station_id       varchar(64) not null references station (id),
    month            char(7)     not null,
    status           varchar(16) not null,
    rule_set_id      uuid        not null references subsidy_rule_set (id),
    total_fen        bigint      not null,
    month_fen        bigint      not null,
    lines_json       text        not null,
    flags_json       text        not null,
    digest           char(64)    not null,
    computed_at      timestamptz not null,
    computed_by      text        not null,
    submitted_at     timestamptz,
    submitted_by     text,
    decided_at       timestamptz,
    decided_by       text,
    rejection_reason text,
    paid_at          timestamptz,
    paid_by          text,
    payment_ref      text,
    version          int         not null,
    unique (station_id, month)
);
