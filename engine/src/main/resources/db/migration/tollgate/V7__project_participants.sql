-- Who takes part in a project (user:name or group:name): members see only these projects.
create table project_participant (
    project_id varchar(36)  not null references project (id),
    principal  varchar(110) not null,
    primary key (project_id, principal)
);
create index ix_project_participant_principal on project_participant (principal);
