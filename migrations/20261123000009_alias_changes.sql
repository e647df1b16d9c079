-- Every addition, removal and primary change of an alias, for the rules that count them
-- (additions per year, primary changes per week) and the hold on removed addresses.

create table alias_changes (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    change text not null check (change in ('added', 'removed', 'made_primary')),
    normalized text not null,
    at timestamptz not null
);

create index alias_changes_account on alias_changes (account_id, change, at);
create index alias_changes_removed on alias_changes (normalized, at) where change = 'removed';
