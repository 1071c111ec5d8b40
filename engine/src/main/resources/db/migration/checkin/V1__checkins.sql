-- The daily check-in module: one check-in per person, project and day, with a note and an optional
-- attachment (a photo from the site, a document).
create table checkin (
    id            varchar(36)  not null primary key,
    project_id    varchar(36)  not null references project (id),
    username      varchar(100) not null,
    check_day     date         not null,
    note          varchar(500),
    attachment_id varchar(36),
    checked_in_at timestamp with time zone not null,
    row_version   bigint       not null,
    constraint uq_checkin unique (project_id, username, check_day)
);
