-- The releases module: versions of a project with their planned date, notes and ready mark.
create table project_release (
    id          varchar(36)   not null primary key,
    project_id  varchar(36)   not null references project (id),
    version     varchar(50)   not null,
    planned_on  date,
    notes       varchar(10000),
    ready       boolean       not null,
    ready_by    varchar(100),
    ready_at    timestamp with time zone,
    created_at  timestamp with time zone not null,
    created_by  varchar(100)  not null,
    row_version bigint        not null,
    constraint uq_project_release_version unique (project_id, version)
);
-- What a release ships: stages (stage:<key>) and tasks (task:<key>) of the project's template.
create table project_release_link (
    release_id  varchar(36)   not null references project_release (id),
    link        varchar(120)  not null,
    primary key (release_id, link)
);
