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
