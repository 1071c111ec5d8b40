-- A previewed task-list import, kept for a short while until its user confirms it: the rows read
-- from the uploaded file (JSON), what they are for (a draft template or a running project), and
-- whether it was confirmed. Confirming twice creates nothing the second time.
create table task_import (
    id           varchar(36)  not null primary key,
    workspace_id varchar(36)  not null,
    target_kind  varchar(10)  not null,
    target       varchar(63)  not null,
    name         varchar(300),
    rows_json    text         not null,
    created_by   varchar(100) not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    confirmed_at timestamp with time zone,
    row_version  bigint       not null
);
create index ix_task_import_expiry on task_import (expires_at);
