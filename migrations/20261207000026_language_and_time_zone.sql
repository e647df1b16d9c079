-- The language and time zone a person reads Portico in. Null until chosen (the language is
-- set at sign-up from the page they signed up on); messages take the recipient account's.
alter table accounts
    add column language text check (language in ('en', 'de', 'fr')),
    add column time_zone text check (length(time_zone) between 1 and 64);

-- What a queued message is written in, settled when it is queued (the recipient's account
-- may be gone, or its address someone else's, by the time a worker sends it).
alter table outbox
    add column language text not null default 'en',
    add column time_zone text;

-- The sign-up form's time zone (the browser's, filled in by the page), for the new account.
alter table pending_signups add column time_zone text check (length(time_zone) between 1 and 64);
