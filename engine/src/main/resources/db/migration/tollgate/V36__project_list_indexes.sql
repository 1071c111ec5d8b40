-- The project list, newest first, of a workspace (and of one template): read in index order, so the
-- first page of a workspace with a hundred thousand projects needs no sort.
create index ix_project_workspace_created on project (workspace_id, created_at, id);
create index ix_project_workspace_template_created on project (workspace_id, template_key, created_at, id);
