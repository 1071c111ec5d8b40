-- The timesheets module: hours per person, project, stage (and optionally task) and day,
-- and each person's week of a project, submitted by that person and approved or returned by the PM.
create table timesheet_entry (
    id          varchar(36)   not null primary key,
    project_id  varchar(36)   not null references project (id),
    username    varchar(100)  not null,
    work_date   date          not null,
    week_start  date          not null,
    stage_key   varchar(100)  not null,
    task_key    varchar(100),
    hours       numeric(5, 2) not null,
    note        varchar(500),
    created_at  timestamp with time zone not null,
    row_version bigint        not null
);
create index ix_timesheet_entry_week on timesheet_entry (project_id, username, week_start);
create index ix_timesheet_entry_day on timesheet_entry (username, work_date);

create table timesheet_week (
    id           varchar(36)  not null primary key,
    project_id   varchar(36)  not null references project (id),
    username     varchar(100) not null,
    week_start   date         not null,
    status       varchar(20)  not null,
    submitted_at timestamp with time zone,
    decided_by   varchar(100),
    decided_at   timestamp with time zone,
    comment_text varchar(1000),
    row_version  bigint       not null,
    constraint uq_timesheet_week unique (project_id, username, week_start)
);
