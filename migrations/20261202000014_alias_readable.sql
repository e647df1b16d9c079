-- Each alias as people read it (the email as typed, the phone number grouped the way its
-- country writes it), worked out once when the alias is written, so that reading an
-- account's aliases (every signed-in page) never parses a phone number again.
-- Expand: nullable, and readers parse `value` when it is missing. Rows written before are
-- filled in by `portico migrate` / `serve` at start (`db::fill_alias_readable`).
alter table aliases add column readable text;
