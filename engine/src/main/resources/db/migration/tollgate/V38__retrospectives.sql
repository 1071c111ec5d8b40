-- Retrospectives: what a completed project's manager recorded about it (what went well, what to
-- improve, a note per stage), one per project. search_text is all of it in lower case, for the
-- workspace's knowledge page.
create table retrospective (
    id               varchar(36)  not null primary key,
    workspace_id     varchar(36)  not null references workspace (id),
    project_id       varchar(36)  not null references project (id),
    project_name     varchar(255) not null,
    template_key     varchar(100) not null,
    went_well        text         not null,
    to_improve       text         not null,
    stage_notes_json text         not null,
    search_text      text         not null,
    recorded_by      varchar(100) not null,
    recorded_at      timestamp with time zone not null,
    updated_by       varchar(100) not null,
    updated_at       timestamp with time zone not null,
    row_version      bigint       not null,
    constraint uq_retrospective_project unique (project_id)
);
create index ix_retrospective_workspace on retrospective (workspace_id, updated_at);
