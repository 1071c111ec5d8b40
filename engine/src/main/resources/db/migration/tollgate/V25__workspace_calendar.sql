-- The working-day calendar of a workspace; a workspace without a row counts plain time.
create table workspace_calendar (
    workspace_id     varchar(64)  not null primary key,
    mode             varchar(16)  not null,
    working_days     varchar(64)  not null,
    day_start        varchar(8)   not null,
    day_end          varchar(8)   not null,
    zone             varchar(64)  not null,
    holidays         text,
    working_weekends text,
    row_version      bigint       not null default 0
);
