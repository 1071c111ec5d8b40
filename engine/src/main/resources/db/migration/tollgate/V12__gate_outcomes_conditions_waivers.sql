-- A project on hold: when, at which gate and by whom; resuming moves its due dates by the time held.
alter table project add column held_at timestamp with time zone;
alter table project add column held_stage varchar(63);
alter table project add column held_by varchar(100);

-- Conditions of a conditional go: each has an owner and a due date, and is tracked until met.
create table project_condition (
    id           varchar(36)   not null primary key,
    project_id   varchar(36)   not null references project (id),
    stage_key    varchar(63)   not null,
    text_value   varchar(1000) not null,
    owner        varchar(100)  not null,
    due_at       timestamp with time zone not null,
    created_by   varchar(100)  not null,
    created_at   timestamp with time zone not null,
    met_at       timestamp with time zone,
    met_by       varchar(100),
    row_version  bigint        not null
);
create index ix_project_condition_project on project_condition (project_id);

-- A request to count one criterion of a gate as met until a date, granted or refused by an approver.
create table gate_waiver (
    id           varchar(36)   not null primary key,
    project_id   varchar(36)   not null references project (id),
    stage_key    varchar(63)   not null,
    criterion    varchar(100)  not null,
    reason       varchar(1000) not null,
    expires_at   timestamp with time zone not null,
    status       varchar(20)   not null,
    requested_by varchar(100)  not null,
    requested_at timestamp with time zone not null,
    decided_by   varchar(100),
    decided_at   timestamp with time zone,
    comment_text varchar(1000),
    row_version  bigint        not null
);
create index ix_gate_waiver_project on gate_waiver (project_id, stage_key);
