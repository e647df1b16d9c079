-- A sign-up may choose a passkey instead of a password: it has no hash, and the account it
-- becomes adds its passkey right after its code is checked.
alter table pending_signups alter column password_hash drop not null;
