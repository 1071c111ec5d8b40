-- Answers to POST requests that carried an Idempotency-Key, replayed when the same key comes again.
create table idempotent_request (
    id           varchar(200) not null primary key,
    method       varchar(10)  not null,
    path         varchar(500) not null,
    status       integer,
    content_type varchar(200),
    body         text,
    created_at   timestamp with time zone not null
);
