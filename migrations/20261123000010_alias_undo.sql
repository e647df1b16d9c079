-- "This wasn't me" links in alias notices: single use, valid 7 days, only a hash stored.

create table alias_undo (
    token_hash bytea primary key check (length(token_hash) = 32),
    account_id uuid not null references accounts (id) on delete cascade,
    change text not null check (change in ('added', 'removed', 'made_primary')),
    normalized text not null,
    -- The primary before a change of primary, to restore.
    previous_primary text,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz
);

create index alias_undo_expires on alias_undo (expires_at);
