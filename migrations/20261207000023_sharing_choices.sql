-- What each PC shares, as the person chooses on the privacy page and the device page:
-- hardware details and specifications (manufacturer, model, specifications, the keyed
-- hardware signals that detect a hardware change). Location (`location_enabled`) and
-- BitLocker recovery keys (`backup_recovery_keys`) have their switches already. Off: the
-- server drops those fields from the next reports and forgets what it kept of them.
alter table devices add column share_hardware boolean not null default true;
