-- bed-registry: areas and their population, facilities, beds, stays (occupancy) and planning targets.

-- btree_gist lets one exclusion constraint combine equality on a bed (or an elder) with overlap of
-- time ranges, so PostgreSQL itself refuses a second concurrent occupant. It is a trusted extension:
-- the database owner (role eldercare) may create it. It lives in public so that every schema's
-- default operator classes find it; IF NOT EXISTS keeps other services' migrations compatible.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE TABLE area (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    level      text NOT NULL CHECK (level IN ('DISTRICT', 'STREET', 'COMMUNITY')),
    parent_id  text REFERENCES area (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((level = 'DISTRICT') = (parent_id IS NULL))
);
CREATE INDEX area_parent_idx ON area (parent_id);

-- Population is recorded on communities only; every larger area is the sum of its communities.
CREATE TABLE area_population (
    area_id             text    NOT NULL REFERENCES area (id),
    year                integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    resident_population integer NOT NULL CHECK (resident_population >= 0),
    aged_60_plus        integer NOT NULL CHECK (aged_60_plus >= 0),
    aged_80_plus        integer NOT NULL CHECK (aged_80_plus >= 0),
    disabled_elders     integer NOT NULL CHECK (disabled_elders >= 0),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (area_id, year),
    CHECK (aged_60_plus <= resident_population AND aged_80_plus <= aged_60_plus AND disabled_elders <= aged_60_plus)
);

CREATE TABLE facility (
    id                   uuid PRIMARY KEY,
    code                 text NOT NULL UNIQUE,
    name                 text NOT NULL,
    kind                 text NOT NULL CHECK (kind IN ('INSTITUTION', 'CARE_CENTRE', 'STATION', 'HOME_CARE')),
    area_id              text NOT NULL REFERENCES area (id),
    owner_type           text NOT NULL CHECK (owner_type IN ('PUBLIC', 'PRIVATE', 'PUBLIC_BUILT_PRIVATE_RUN')),
    operator_name        text,
    operating_station_id text,
    star_rating          integer CHECK (star_rating BETWEEN 0 AND 5),
    licensed_capacity    integer NOT NULL CHECK (licensed_capacity >= 0),
    nursing_staff        integer NOT NULL CHECK (nursing_staff >= 0),
    opened_on            date NOT NULL,
    closed_on            date,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (closed_on IS NULL OR closed_on > opened_on)
);
CREATE INDEX facility_area_idx ON facility (area_id);
CREATE INDEX facility_station_idx ON facility (operating_station_id);

CREATE TABLE bed (
    id                uuid PRIMARY KEY,
    facility_id       uuid NOT NULL REFERENCES facility (id),
    label             text NOT NULL,
    bed_type          text NOT NULL CHECK (bed_type IN ('NURSING', 'GENERAL')),
    status            text NOT NULL CHECK (status IN ('IN_SERVICE', 'SUSPENDED', 'DECOMMISSIONED')),
    in_service_from   date NOT NULL,
    decommissioned_on date,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (facility_id, label),
    CHECK ((status = 'DECOMMISSIONED') = (decommissioned_on IS NOT NULL)),
    CHECK (decommissioned_on IS NULL OR decommissioned_on > in_service_from)
);
CREATE INDEX bed_facility_idx ON bed (facility_id);

-- One stay = one elder in one bed from admission until discharge (open while discharged_at is null).
CREATE TABLE stay (
    id            uuid PRIMARY KEY,
    bed_id        uuid NOT NULL REFERENCES bed (id),
    elder_id      text NOT NULL,
    admitted_at   timestamptz NOT NULL,
    discharged_at timestamptz,
    recorded_by   text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    period        tstzrange GENERATED ALWAYS AS (tstzrange(admitted_at, discharged_at, '[)')) STORED,
    CONSTRAINT stay_discharge_after_admission CHECK (discharged_at IS NULL OR discharged_at > admitted_at),
    CONSTRAINT stay_no_double_occupancy EXCLUDE USING gist (bed_id WITH =, period WITH &&),
    CONSTRAINT stay_elder_one_bed_at_a_time EXCLUDE USING gist (elder_id WITH =, period WITH &&)
);
CREATE INDEX stay_open_idx ON stay (bed_id) WHERE discharged_at IS NULL;

CREATE TABLE plan (
    code          text PRIMARY KEY,
    name          text NOT NULL,
    area_id       text NOT NULL REFERENCES area (id),
    counted_kinds text[] NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_target (
    plan_code                   text    NOT NULL REFERENCES plan (code),
    year                        integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    beds_per_1000               numeric(8, 2) CHECK (beds_per_1000 >= 0),
    nursing_share_percent       numeric(5, 2) CHECK (nursing_share_percent BETWEEN 0 AND 100),
    care_staff_per_10000_elders numeric(8, 2) CHECK (care_staff_per_10000_elders >= 0),
    stations                    integer CHECK (stations >= 0),
    care_centres                integer CHECK (care_centres >= 0),
    home_care_beds              integer CHECK (home_care_beds >= 0),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_code, year)
);
