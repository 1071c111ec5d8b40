-- The dashboard reads its figures from indexes alone: each table gets one index that leads with the
-- workspace and the period's column and holds every column the dashboard aggregates, so a period's
-- rows are read in one range of one index. A stage row keeps its project's start, the cohort a
-- stage counts in, so stage figures need no join to the projects.
alter table insight_stage add column project_created_at timestamp with time zone;
update insight_stage set project_created_at =
    (select p.created_at from insight_project p where p.project_id = insight_stage.project_id);

create index ix_insight_project_cohort on insight_project
    (workspace_id, created_at, template_key, status, on_time, cycle_hours);
drop index ix_insight_project_created;

create index ix_insight_stage_cohort on insight_stage
    (workspace_id, project_created_at, template_key, stage_key, status, seq, cycle_hours, passes, recycles, name);

create index ix_insight_work_scope on insight_work
    (workspace_id, done_at, template_key, stage_key, username, kind, handling_hours);
drop index ix_insight_work_done;
