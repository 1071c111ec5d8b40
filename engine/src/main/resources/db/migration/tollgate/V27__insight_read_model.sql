-- The dashboard's read model, written from domain events in the transaction of each change:
-- one row per project, per project stage and per piece of work done. Durations are kept in hours
-- as numbers, so the dashboard aggregates them in SQL (averages, percentiles) on either database.
create table insight_project (
    project_id     varchar(36)  not null primary key,
    workspace_id   varchar(64)  not null,
    template_key   varchar(100) not null,
    name           varchar(255) not null,
    status         varchar(16)  not null,
    created_at     timestamp with time zone not null,
    target_at      timestamp with time zone,
    completed_at   timestamp with time zone,
    completed_week date,
    cycle_hours    double precision,
    on_time        boolean,
    rework_count   int          not null default 0,
    late_alert_at  timestamp with time zone
);
create index ix_insight_project_created on insight_project (workspace_id, created_at);
create index ix_insight_project_template on insight_project (workspace_id, template_key, created_at);
create index ix_insight_project_completed on insight_project (workspace_id, completed_at);
create index ix_insight_project_status on insight_project (workspace_id, status);

create table insight_stage (
    project_id       varchar(36)  not null,
    stage_key        varchar(100) not null,
    workspace_id     varchar(64)  not null,
    template_key     varchar(100) not null,
    seq              int          not null,
    name             varchar(255) not null,
    status           varchar(16)  not null,
    first_started_at timestamp with time zone,
    round_started_at timestamp with time zone,
    gate_opened_at   timestamp with time zone,
    due_at           timestamp with time zone,
    completed_at     timestamp with time zone,
    cycle_hours      double precision,
    rounds           int          not null default 0,
    rework_count     int          not null default 0,
    passes           int          not null default 0,
    recycles         int          not null default 0,
    constraint pk_insight_stage primary key (project_id, stage_key)
);
create index ix_insight_stage_history on insight_stage (workspace_id, template_key, stage_key, completed_at);
create index ix_insight_stage_running on insight_stage (workspace_id, status, due_at);

create table insight_work (
    id             varchar(36)  not null primary key,
    workspace_id   varchar(64)  not null,
    project_id     varchar(36)  not null,
    template_key   varchar(100) not null,
    stage_key      varchar(100) not null,
    username       varchar(100) not null,
    kind           varchar(16)  not null,
    done_at        timestamp with time zone not null,
    handling_hours double precision not null
);
create index ix_insight_work_done on insight_work (workspace_id, done_at);
create index ix_insight_work_project on insight_work (project_id);

-- Per workspace: the health score's weights and thresholds, and the chance of lateness that alerts.
create table insight_settings (
    workspace_id  varchar(64)   not null primary key,
    settings_json varchar(4000) not null,
    updated_at    timestamp with time zone not null,
    updated_by    varchar(100)  not null
);
