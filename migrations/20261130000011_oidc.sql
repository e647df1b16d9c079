-- Sign-in with OpenID providers: linked identities, flows under way, and identities proven
-- at a provider but not yet linked (waiting for "create an account" or "link to mine").

create table external_identities (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    provider_id text not null,
    -- The identity is (issuer, subject), never the email claim.
    issuer text not null,
    subject text not null,
    email text,
    linked_at timestamptz not null,
    last_used_at timestamptz,
    unique (issuer, subject)
);

create index external_identities_account on external_identities (account_id);

-- One authorization request: found by the hash of its `state`, taken once.
create table oidc_flows (
    state_hash bytea primary key check (length(state_hash) = 32),
    -- The hash of a cookie of the browser that started it: the answer must come back there.
    binding_hash bytea not null check (length(binding_hash) = 32),
    provider_id text not null,
    nonce text not null,
    pkce_verifier text not null,
    purpose text not null check (purpose in ('sign_in', 'link', 'reauth')),
    -- For `link` and `reauth`: the account concerned.
    account_id uuid references accounts (id) on delete cascade,
    next text,
    created_at timestamptz not null,
    expires_at timestamptz not null
);

create index oidc_flows_expires on oidc_flows (expires_at);

create table oidc_pending (
    token_hash bytea primary key check (length(token_hash) = 32),
    binding_hash bytea not null check (length(binding_hash) = 32),
    provider_id text not null,
    issuer text not null,
    subject text not null,
    email text,
    email_verified boolean not null,
    name text,
    -- Set when the identity is being linked from an account's Security page.
    account_id uuid references accounts (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);

create index oidc_pending_expires on oidc_pending (expires_at);
