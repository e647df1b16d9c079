-- "Confirm it's you" codes were stored as 'confirm_link', a name left from their first use
-- (linking a provider). They are re-authentication codes: call them so. Expand: both names
-- are accepted while older instances may still write the old one; a later migration drops
-- 'confirm_link' (contract) once none runs. Such codes live 10 minutes.
alter table challenges drop constraint challenges_purpose_check;
alter table challenges add constraint challenges_purpose_check check (purpose in
    ('verify_alias', 'sign_up', 'reset_password', 'sign_in_code', 'reauthenticate', 'confirm_link'));
update challenges set purpose = 'reauthenticate' where purpose = 'confirm_link';
