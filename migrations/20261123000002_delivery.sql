-- One-time codes, the transactional outbox, shared rate-limit counters and the dev mailbox.

create table challenges (
    id uuid primary key,
    purpose text not null check (purpose in
        ('verify_alias', 'sign_up', 'reset_password', 'sign_in_code', 'confirm_link')),
    -- The account the code is for, if there is one yet (a foreign key comes with accounts).
    account_id uuid,
    channel text not null check (channel in ('email', 'sms')),
    -- Normalised destination: lowercase email or E.164 phone number.
    destination text not null,
    -- HMAC-SHA256 of (challenge id, code) under a key derived from the server secret.
    code_hash bytea not null check (length(code_hash) = 32),
    attempts integer not null default 0 check (attempts >= 0),
    sent_count integer not null default 1 check (sent_count >= 1),
    created_at timestamptz not null,
    last_sent_at timestamptz not null,
    expires_at timestamptz not null,
    consumed_at timestamptz,
    check (expires_at > last_sent_at)
);

create index challenges_destination on challenges (destination, created_at);

create table outbox (
    id uuid primary key,
    channel text not null check (channel in ('email', 'sms')),
    recipient text not null,
    template text not null,
    -- What the template needs. A code lives here only until the message is sent or dead.
    payload jsonb not null default '{}',
    created_at timestamptz not null,
    attempts integer not null default 0 check (attempts >= 0),
    -- Due time; while a worker holds a row it is pushed forward as a lease.
    next_attempt_at timestamptz not null,
    sent_at timestamptz,
    dead_at timestamptz,
    last_error text,
    provider text,
    provider_message_id text,
    delivery_status text,
    delivery_error_code integer,
    delivery_updated_at timestamptz,
    check (sent_at is null or dead_at is null)
);

create index outbox_due on outbox (next_attempt_at) where sent_at is null and dead_at is null;
create unique index outbox_provider_message on outbox (provider, provider_message_id)
    where provider_message_id is not null;

-- Counters shared by every instance: one row per (limit key, fixed window).
create table rate_limits (
    key text not null,
    window_start timestamptz not null,
    count integer not null check (count >= 0),
    primary key (key, window_start)
);

-- Development only: where messages go when no SMTP server or Twilio account is configured.
create table dev_mailbox (
    id bigint generated always as identity primary key,
    outbox_id uuid not null unique references outbox (id) on delete cascade,
    channel text not null,
    recipient text not null,
    subject text,
    body text not null,
    delivered_at timestamptz not null
);
