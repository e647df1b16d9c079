-- Secret key rotation (PORTICO_SECRET_KEY_PREVIOUS): a license's fingerprint is keyed with
-- the secret key; `keyed_with` names which one (crypto::KeyId, a keyed hash of it), so that
-- the re-keying job knows what is left to do. Null: made before this column, stamped by the
-- job with the oldest key configured (the one every earlier row was made with).
-- Sealed values (recovery_keys, oidc_signing_keys) need no column: opening one tells which
-- key sealed it.
alter table licenses add column keyed_with bytea check (length(keyed_with) = 8);

create index licenses_keyed_with on licenses (keyed_with);
