-- Tasks a project manager imports into a running project: Tollgate-owned work items that no
-- template task and no engine task stand behind. They keep which import made them, the imported
-- tasks they wait for (item keys, comma-separated) and their planned duration.
alter table work_item add column origin varchar(10) default 'template' not null;
alter table work_item add column import_id varchar(36);
alter table work_item add column requires_keys varchar(4000);
alter table work_item add column planned_duration varchar(40);
