-- Out of office: while it lasts, new work for the user goes to their substitute.
create table user_absence (
    id           varchar(36)  not null primary key,
    workspace_id varchar(36)  not null references workspace (id),
    username     varchar(100) not null,
    starts_at    timestamp with time zone not null,
    ends_at      timestamp with time zone not null,
    substitute   varchar(100) not null,
    created_at   timestamp with time zone not null,
    row_version  bigint       not null,
    constraint uq_user_absence unique (workspace_id, username)
);

-- Work a substitute does for someone who is away shows whom it is for.
alter table work_item add column on_behalf_of varchar(300);
