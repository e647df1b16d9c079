-- "Download your data": a request, built in the background by the worker (claimed with a
-- lease, so a worker that dies mid-way leaves it to another), kept 7 days once ready.
create table data_exports (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    requested_at timestamptz not null,
    -- Recovery keys go in only when the person ticked it, after confirming it's them.
    include_recovery_keys boolean not null,
    state text not null check (state in ('queued', 'building', 'ready')),
    lease_until timestamptz,
    ready_at timestamptz,
    expires_at timestamptz,
    file bytea,
    downloads integer not null default 0,
    check ((state = 'ready') = (file is not null and ready_at is not null and expires_at is not null))
);

create index data_exports_account on data_exports (account_id, requested_at desc);
create index data_exports_waiting on data_exports (requested_at) where state <> 'ready';
