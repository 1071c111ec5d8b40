-- Attachments: files people upload (a check-in's photo, a document). The bytes live in the
-- attachment storage (local disk by default); this table keeps what they are and whose.
create table attachment (
    id           varchar(36)  not null primary key,
    workspace_id varchar(36)  not null,
    filename     varchar(200) not null,
    content_type varchar(100) not null,
    size_bytes   bigint       not null,
    sha256       varchar(64)  not null,
    storage_key  varchar(200) not null,
    created_by   varchar(100) not null,
    created_at   timestamp with time zone not null
);
create index ix_attachment_workspace on attachment (workspace_id);
