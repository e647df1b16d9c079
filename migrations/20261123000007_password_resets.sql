-- A proved password reset, waiting for the new password: single use, 15 minutes.
create table password_resets (
    token_hash bytea primary key check (length(token_hash) = 32),
    account_id uuid not null references accounts (id) on delete cascade,
    expires_at timestamptz not null
);
