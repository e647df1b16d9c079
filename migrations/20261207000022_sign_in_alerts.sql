-- New sign-in alerts. A browser is known to an account by a long-lived random cookie
-- (`portico_browser`), kept only as a hash; a sign-in from a browser this account has not
-- used for 90 days raises an alert: a notice with one link, answered "It was me" or "This
-- wasn't me" (which ends that session).
create table known_browsers (
    account_id uuid not null references accounts (id) on delete cascade,
    browser_hash bytea not null check (length(browser_hash) = 32),
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    primary key (account_id, browser_hash)
);

create index known_browsers_age on known_browsers (last_seen_at);

create table sign_in_alerts (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    -- The session the sign-in opened (no foreign key: a session ending keeps its alert).
    session_id uuid not null,
    token_hash bytea not null unique check (length(token_hash) = 32),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    method text not null,
    ip inet,
    user_agent text check (length(user_agent) <= 400),
    answered_at timestamptz,
    answer text check (answer in ('me', 'not_me')),
    check ((answered_at is null) = (answer is null))
);

create index sign_in_alerts_account on sign_in_alerts (account_id, created_at desc);
create index sign_in_alerts_age on sign_in_alerts (expires_at);

-- Security notices to every verified address rather than the primary one alone.
alter table accounts add column notify_all_aliases boolean not null default false;
