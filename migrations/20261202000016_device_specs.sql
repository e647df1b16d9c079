-- The PC's specifications from its last report that carried them (report version 2):
-- processor, memory, system type, chassis, drives, TPM, Secure Boot and encryption per
-- volume, as portico_wire::report::Specs. One document, read and written whole with the
-- device: nothing queries inside it.
alter table devices add column specs jsonb, add column specs_at timestamptz;
