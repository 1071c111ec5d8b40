-- The risks module's register: one row per risk of a project.
create table risk (
    id          varchar(36)   not null primary key,
    project_id  varchar(36)   not null references project (id),
    title       varchar(300)  not null,
    probability integer       not null,
    impact      integer       not null,
    owner_name  varchar(100),
    mitigation  varchar(4000),
    status      varchar(20)   not null,
    review_on   date,
    created_at  timestamp with time zone not null,
    created_by  varchar(100)  not null,
    row_version bigint        not null
);
create index ix_risk_project on risk (project_id, status);
