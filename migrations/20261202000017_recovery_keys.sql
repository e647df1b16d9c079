-- BitLocker recovery keys backed up from a PC, with the person's consent
-- (devices.backup_recovery_keys: asked when linking, changeable on the device's page;
-- withdrawn, the PC's keys are deleted). Each recovery password is sealed with an AEAD
-- under a key derived from the secret key (seal_key_id names which, for rotation) and
-- bound to its device and protector. A key no longer on the PC keeps its row, marked,
-- until the person deletes it.
alter table devices add column backup_recovery_keys boolean not null default false;

create table recovery_keys (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    device_id uuid not null references devices (id) on delete cascade,
    volume text not null check (length(volume) between 1 and 100),
    -- "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}", as the recovery screen shows it.
    protector_id text not null
        check (protector_id ~ '^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$'),
    seal_key_id smallint not null,
    sealed_password bytea not null,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    removed_from_pc_at timestamptz,
    unique (device_id, protector_id)
);

-- The recovery screen's eight characters find a key among the account's.
create index recovery_keys_lookup on recovery_keys (account_id, substr(protector_id, 2, 8));
