-- What kind of key the PC's Windows holds, from its last report that carried a license:
-- 'own' (a key of the person's or organization's), 'generic' (a generic installation key of
-- a digital-license install) or 'kms_client' (a public KMS client key). A public key is
-- never shown as someone's product key; null: no report said.
alter table devices add column key_kind text
    check (key_kind in ('own', 'generic', 'kms_client'));
