-- Which project an uploaded file belongs to, once an attachment field of that project holds it.
-- A file is bound to at most one project and stays bound; unbound files are uploads not yet saved.
create table attachment_binding (
    attachment_id varchar(36)  not null primary key references attachment (id),
    workspace_id  varchar(36)  not null references workspace (id),
    project_id    varchar(36)  not null references project (id),
    field_key     varchar(100) not null,
    bound_by      varchar(100) not null,
    bound_at      timestamp with time zone not null
);
create index ix_attachment_binding_project on attachment_binding (project_id);
