-- Failed password sign-ins, per account (or typed alias) and per client address, for
-- growing delays. A row stops mattering 15 minutes after its last failure.
create table signin_throttle (
    key text primary key,
    failures integer not null check (failures >= 0),
    last_failure_at timestamptz not null
);
