-- Browser sessions and the accounts signed in within them (the account switcher).

create table browser_sessions (
    id uuid primary key,
    -- SHA-256 of the 256-bit token in the cookie; the token itself is never stored.
    token_hash bytea not null unique check (length(token_hash) = 32),
    created_at timestamptz not null,
    rotated_at timestamptz not null
);

create table account_sessions (
    id uuid primary key,
    browser_session_id uuid not null references browser_sessions (id) on delete cascade,
    account_id uuid not null references accounts (id) on delete cascade,
    -- The N in /u/N/: accounts in sign-in order within the browser.
    position integer not null check (position between 0 and 9),
    keep_signed_in boolean not null,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    idle_expires_at timestamptz not null,
    absolute_expires_at timestamptz not null,
    -- Until when sensitive changes need no new password (re-authentication).
    elevated_until timestamptz,
    ip inet,
    user_agent text,
    ended_at timestamptz
);

create unique index account_sessions_live_position
    on account_sessions (browser_session_id, position) where ended_at is null;
create unique index account_sessions_live_account
    on account_sessions (browser_session_id, account_id) where ended_at is null;
create index account_sessions_account on account_sessions (account_id) where ended_at is null;
