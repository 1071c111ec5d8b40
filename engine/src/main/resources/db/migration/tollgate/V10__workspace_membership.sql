-- A person may belong to several workspaces, with roles and groups in each. A user's workspace_id
-- stays as their home workspace: the one a request is for when it names none.
create table workspace_member (
    username     varchar(100) not null references app_user (username),
    workspace_id varchar(36)  not null references workspace (id),
    roles        varchar(100) not null,
    primary key (username, workspace_id)
);
create index ix_workspace_member_workspace on workspace_member (workspace_id, username);
insert into workspace_member (username, workspace_id, roles)
select username, workspace_id, roles from app_user;

create table member_group (
    username     varchar(100) not null,
    workspace_id varchar(36)  not null,
    group_name   varchar(100) not null,
    primary key (username, workspace_id, group_name),
    foreign key (username, workspace_id) references workspace_member (username, workspace_id)
);
create index ix_member_group_workspace on member_group (workspace_id, group_name);
insert into member_group (username, workspace_id, group_name)
select g.username, u.workspace_id, g.group_name from app_user_group g join app_user u on u.username = g.username;

drop table app_user_group;
alter table app_user drop column roles;
