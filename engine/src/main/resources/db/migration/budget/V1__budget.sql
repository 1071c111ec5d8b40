-- The budget module: planned cost per stage, hourly rates (per person, or the project's default
-- under username '*'), and actual costs entered per stage.
create table budget_plan (
    id          varchar(36)    not null primary key,
    project_id  varchar(36)    not null references project (id),
    stage_key   varchar(100)   not null,
    planned     numeric(14, 2) not null,
    constraint uq_budget_plan unique (project_id, stage_key)
);

create table budget_rate (
    id          varchar(36)    not null primary key,
    project_id  varchar(36)    not null references project (id),
    username    varchar(100)   not null,
    hourly      numeric(10, 2) not null,
    constraint uq_budget_rate unique (project_id, username)
);

create table budget_cost (
    id          varchar(36)    not null primary key,
    project_id  varchar(36)    not null references project (id),
    stage_key   varchar(100)   not null,
    amount      numeric(14, 2) not null,
    description varchar(300)   not null,
    spent_on    date           not null,
    created_by  varchar(100)   not null,
    created_at  timestamp with time zone not null
);
create index ix_budget_cost_project on budget_cost (project_id);
