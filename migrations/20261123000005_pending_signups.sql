-- Sign-ups waiting for their code. The password is already hashed; nothing else about the
-- person is kept once the sign-up finishes or expires.
create table pending_signups (
    id uuid primary key,
    display_name text not null check (length(display_name) between 1 and 100),
    alias_kind text not null check (alias_kind in ('email', 'phone')),
    alias_value text not null,
    password_hash text not null,
    challenge_id uuid not null references challenges (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
