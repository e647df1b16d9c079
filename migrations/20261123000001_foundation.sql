-- Foundation: facts about this installation. Feature tables come with their own migrations.
create table installation (
    id boolean primary key default true check (id),
    created_at timestamptz not null default now()
);

insert into installation default values;
