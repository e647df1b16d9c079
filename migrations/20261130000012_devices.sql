-- PCs linked to accounts through the device authorization grant (RFC 8628), and the
-- tokens their agents report with. Reports, licenses and locations come with their own
-- migrations.

create table devices (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    name text not null,
    model text,
    os text,
    -- Find my device: on only when the person turned it on (the agent must agree too).
    location_enabled boolean not null default false,
    linked_at timestamptz not null,
    last_seen_at timestamptz,
    removed_at timestamptz
);

create index devices_account on devices (account_id) where removed_at is null;

-- Only a hash of each token is stored; a token writes to its one device.
create table device_tokens (
    token_hash bytea primary key check (length(token_hash) = 32),
    device_id uuid not null references devices (id) on delete cascade,
    created_at timestamptz not null,
    revoked_at timestamptz
);

create index device_tokens_device on device_tokens (device_id);

create table device_authorizations (
    id uuid primary key,
    device_code_hash bytea not null unique check (length(device_code_hash) = 32),
    -- Eight letters of BCDFGHJKLMNPQRSTVWXZ, stored without the dash.
    user_code text not null check (user_code ~ '^[BCDFGHJKLMNPQRSTVWXZ]{8}$'),
    client_id text not null,
    hostname text,
    model text,
    os text,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    interval_secs integer not null check (interval_secs > 0),
    last_polled_at timestamptz,
    status text not null default 'pending'
        check (status in ('pending', 'approved', 'denied', 'used')),
    account_id uuid references accounts (id) on delete cascade,
    device_id uuid references devices (id) on delete cascade,
    decided_at timestamptz
);

-- A code people type names one request waiting for them.
create unique index device_authorizations_pending_code on device_authorizations (user_code)
    where status = 'pending';
create index device_authorizations_expires on device_authorizations (expires_at);

-- What the latest report said: the PC's facts and its activation state.
alter table devices
    add column manufacturer text,
    add column os_edition text,
    add column os_version text,
    add column os_build text,
    add column architecture text,
    add column agent_version text,
    add column install_id text,
    add column license_status smallint check (license_status between 0 and 6),
    add column license_status_reason text,
    add column grace_minutes integer,
    add column channel text,
    add column partial_key text check (partial_key ~ '^[0-9A-Z]{5}$'),
    add column hardware_signals text[] not null default '{}',
    add column last_report_at timestamptz;

-- Each report applied, by the id its agent gave it: a retried report finds its row and is
-- applied once.
create table device_reports (
    device_id uuid not null references devices (id) on delete cascade,
    report_id uuid not null,
    received_at timestamptz not null,
    license_status smallint,
    channel text,
    partial_key text,
    primary key (device_id, report_id)
);

create index device_reports_recent on device_reports (device_id, received_at desc);

-- The name the person gave the PC, over the hostname its reports carry.
alter table devices add column custom_name text;

-- Find my device: where the PC was, kept 30 days, and only while sharing is on.
create table device_locations (
    device_id uuid not null references devices (id) on delete cascade,
    latitude double precision not null check (latitude between -90 and 90),
    longitude double precision not null check (longitude between -180 and 180),
    accuracy_m double precision not null check (accuracy_m >= 0),
    observed_at timestamptz not null,
    received_at timestamptz not null
);

create index device_locations_latest on device_locations (device_id, observed_at desc);
create index device_locations_age on device_locations (received_at);

-- Licenses: a product key is known by a keyed fingerprint of the agent's hash of it (never
-- the key); a digital license (or a generic-key install) by the device it was first seen on.
create table licenses (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    fingerprint bytea not null unique check (length(fingerprint) = 32),
    kind text not null check (kind in ('key', 'digital')),
    key_last5 text check (key_last5 ~ '^[0-9A-Z]{5}$'),
    product text not null,
    edition text not null,
    channel text not null check (channel in ('Retail', 'OEM', 'Volume:MAK', 'Volume:GVLK', 'Digital')),
    source text not null,
    linked_at timestamptz not null
);

create index licenses_account on licenses (account_id);

-- Which device held a license when: the history that makes a move auditable.
create table license_assignments (
    id uuid primary key,
    license_id uuid not null references licenses (id) on delete cascade,
    device_id uuid not null references devices (id) on delete cascade,
    assigned_at timestamptz not null,
    ended_at timestamptz,
    reason text not null check (reason in ('first_report', 'hardware_change')),
    end_reason text
);

create unique index license_assignments_current on license_assignments (license_id) where ended_at is null;

-- The same license reported by a device that does not hold it: of this account (a
-- hardware change, perhaps) or of another (a conflict, shown on both sides; never moved).
create table license_sightings (
    license_id uuid not null references licenses (id) on delete cascade,
    device_id uuid not null references devices (id) on delete cascade,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    other_account boolean not null,
    primary key (license_id, device_id)
);

-- Set when a report's hardware signals mostly differ from the last ones while the agent's
-- install id stays the same: a new motherboard, say.
alter table devices add column hardware_changed_at timestamptz;
