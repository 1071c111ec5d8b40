-- Discussion on a project or on one of its tasks: who wrote what, when, and whom it mentions.
create table project_comment (
    id           varchar(36)   not null primary key,
    workspace_id varchar(36)   not null references workspace (id),
    project_id   varchar(36)   not null references project (id),
    task_id      varchar(36),
    author       varchar(100)  not null,
    body         varchar(4000) not null,
    mentions     varchar(2100) not null,
    created_at   timestamp with time zone not null
);
create index ix_project_comment_project on project_comment (project_id, created_at);
