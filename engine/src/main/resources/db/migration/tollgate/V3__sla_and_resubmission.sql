-- SLA state of stages, approvals carried into a resubmitted round, and pending direct resubmissions.
alter table project_stage add column overdue_at timestamp with time zone;
alter table project_stage add column escalated_at timestamp with time zone;
alter table project_stage add column kept_approvals integer default 0 not null;

create table resubmission (
    id             varchar(36)  not null primary key,
    project_id     varchar(36)  not null references project (id),
    target_stage   varchar(63)  not null,
    return_stage   varchar(63)  not null,
    sender         varchar(100) not null,
    kept_approvers varchar(2000) not null,
    created_at     timestamp with time zone not null,
    resolved_at    timestamp with time zone,
    row_version    bigint       not null
);
create index ix_resubmission_project on resubmission (project_id, target_stage);
