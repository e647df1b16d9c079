-- Closing an account: the person asks, the account is `closing` for a grace period
-- (PORTICO_CLOSE_GRACE_DAYS, 60 by default) during which signing in offers "Reopen your
-- account" and nothing else; then a job deletes it for good.
alter table accounts drop constraint accounts_status_check;
alter table accounts add constraint accounts_status_check
    check (status in ('active', 'disabled', 'closing'));
alter table accounts
    add column closing_since timestamptz,
    add column delete_after timestamptz,
    add constraint accounts_closing_check
        check ((status = 'closing') = (closing_since is not null and delete_after is not null));

-- The addresses of a deleted account, held back so that nobody else takes them at once
-- (as a removed address is held; see alias_changes).
create table alias_holds (
    normalized text primary key,
    held_until timestamptz not null
);

-- What stays of a deleted account: that it was, and when it closed. No personal data.
create table closed_accounts (
    account_id uuid primary key,
    closing_since timestamptz not null,
    deleted_at timestamptz not null
);
