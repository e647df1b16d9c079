-- Passkeys (WebAuthn discoverable credentials, user verification required). `passkey` is
-- webauthn-rs's serialised credential (public key, counter, backup flags): nothing secret.
-- `user_handle` is the random id the authenticator keeps for the account (one per account,
-- never its primary key), so that a passkey names its account without a typed alias.
create table passkeys (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    credential_id bytea not null unique,
    passkey jsonb not null,
    name text not null check (length(name) between 1 and 60),
    backup_eligible boolean not null,
    backup_state boolean not null,
    created_at timestamptz not null,
    last_used_at timestamptz
);

create index passkeys_account on passkeys (account_id);

alter table accounts add column webauthn_user_handle uuid unique;

-- One ceremony (a registration or an authentication) between its start and its finish:
-- webauthn-rs's state, server-side, for five minutes, used once. The browser holds only its
-- id; `account_id` is set when the ceremony belongs to a signed-in account (adding a
-- passkey, confirming it's you) and must match at the finish.
create table passkey_ceremonies (
    id uuid primary key,
    kind text not null check (kind in ('register', 'sign_in', 'confirm')),
    account_id uuid references accounts (id) on delete cascade,
    state jsonb not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);

create index passkey_ceremonies_expiry on passkey_ceremonies (expires_at);
