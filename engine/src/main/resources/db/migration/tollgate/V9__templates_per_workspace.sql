-- Templates belong to a workspace: keys are unique per workspace, and every draft and version has
-- its workspace. Existing rows go to their author's workspace, or the oldest workspace for the
-- shipped templates, which the system published.
create table template_draft_ws (
    id            varchar(100) not null primary key,
    workspace_id  varchar(36)  not null,
    template_key  varchar(63)  not null,
    source        text         not null,
    format        varchar(8)   not null,
    updated_at    timestamp with time zone not null,
    updated_by    varchar(100) not null,
    row_version   bigint       not null,
    constraint uq_template_draft unique (workspace_id, template_key)
);
insert into template_draft_ws (id, workspace_id, template_key, source, format, updated_at, updated_by, row_version)
select w.ws || '/' || d.template_key, w.ws, d.template_key, d.source, d.format, d.updated_at, d.updated_by, d.row_version
from template_draft d
cross join (select coalesce((select min(id) from workspace), 'none') as ws) w;
drop table template_draft;
alter table template_draft_ws rename to template_draft;

alter table template_version add column workspace_id varchar(36);
update template_version set workspace_id = coalesce(
    (select u.workspace_id from app_user u where u.username = template_version.published_by),
    (select min(id) from workspace), 'none');
alter table template_version alter column workspace_id set not null;
alter table template_version drop constraint uq_template_version;
alter table template_version add constraint uq_template_version unique (workspace_id, template_key, version);
