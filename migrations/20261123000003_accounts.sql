-- Accounts and the aliases (emails, phone numbers) people sign in with.

create table accounts (
    id uuid primary key,
    display_name text not null check (length(display_name) between 1 and 100),
    -- A PHC string (argon2id); null for an account created through an OpenID provider.
    password_hash text,
    status text not null default 'active' check (status in ('active', 'disabled')),
    created_at timestamptz not null
);

create table aliases (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    kind text not null check (kind in ('email', 'phone')),
    -- As the person typed it (email domain lowercased; phone in E.164).
    value text not null,
    -- The comparison key: lowercase email or E.164.
    normalized text not null,
    verified_at timestamptz,
    is_primary boolean not null default false,
    sign_in_allowed boolean not null default true,
    created_at timestamptz not null,
    check (not is_primary or verified_at is not null)
);

-- A verified address belongs to one account only; pending ones may be claimed by several
-- until one proves ownership.
create unique index aliases_verified_normalized on aliases (normalized) where verified_at is not null;
create unique index aliases_account_normalized on aliases (account_id, normalized);
create unique index aliases_one_primary on aliases (account_id) where is_primary;

alter table challenges
    add constraint challenges_account foreign key (account_id) references accounts (id) on delete cascade;
