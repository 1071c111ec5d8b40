-- Spring Modulith's event publication registry: one row per event and listener that runs after
-- commit, completed (and deleted) once the listener succeeded; rows left behind are resubmitted.
create table event_publication (
    id               uuid         not null primary key,
    listener_id      varchar(512) not null,
    event_type       varchar(512) not null,
    serialized_event varchar      not null,
    publication_date timestamp with time zone not null,
    completion_date  timestamp with time zone
);
create index ix_event_publication_completion on event_publication (completion_date);
