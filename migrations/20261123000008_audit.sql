-- The per-account audit trail behind "Recent activity" (kept 90 days).

create table audit_events (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    -- What happened: sign_in, sign_in_failed, password_changed, session_ended, … (audit::Kind).
    kind text not null check (kind ~ '^[a-z_]{1,40}$'),
    at timestamptz not null,
    ip inet,
    user_agent text check (length(user_agent) <= 400),
    details jsonb not null default '{}'
);

create index audit_events_account_at on audit_events (account_id, at desc);
create index audit_events_at on audit_events (at);
