-- One notice per event that concerns people: what happened, to whom; recorded once per event key.
create table notice (
    id            varchar(36)  not null primary key,
    workspace_id  varchar(64)  not null,
    event_key     varchar(200) not null,
    kind          varchar(40)  not null,
    project_id    varchar(36),
    stage_key     varchar(100),
    params_json   text         not null,
    recipients    text         not null,
    created_at    timestamp with time zone not null,
    constraint uq_notice_event unique (workspace_id, event_key)
);

-- In-app notifications: one per notice and recipient.
create table notification (
    id            varchar(36)  not null primary key,
    notice_id     varchar(36)  not null references notice (id),
    workspace_id  varchar(64)  not null,
    recipient     varchar(100) not null,
    created_at    timestamp with time zone not null,
    read_at       timestamp with time zone,
    row_version   bigint       not null default 0,
    constraint uq_notification unique (notice_id, recipient)
);
create index ix_notification_recipient on notification (workspace_id, recipient, created_at);

-- The outbox: one delivery per notice and channel target (an email recipient, a webhook).
create table delivery (
    id              varchar(36)  not null primary key,
    notice_id       varchar(36)  not null references notice (id),
    workspace_id    varchar(64)  not null,
    channel         varchar(16)  not null,
    target          varchar(100) not null,
    status          varchar(16)  not null,
    attempts        int          not null,
    next_attempt_at timestamp with time zone not null,
    claimed_until   timestamp with time zone,
    last_error      varchar(500),
    sent_at         timestamp with time zone,
    created_at      timestamp with time zone not null,
    row_version     bigint       not null default 0,
    constraint uq_delivery unique (notice_id, channel, target)
);
create index ix_delivery_due on delivery (status, next_attempt_at);
create index ix_delivery_workspace on delivery (workspace_id, created_at);

-- Webhooks of a workspace; the secret is stored encrypted and never shown again.
create table webhook (
    id            varchar(36)  not null primary key,
    workspace_id  varchar(64)  not null,
    kind          varchar(16)  not null,
    name          varchar(100) not null,
    url           varchar(2000) not null,
    secret_enc    varchar(1000),
    created_at    timestamp with time zone not null,
    created_by    varchar(100) not null,
    row_version   bigint       not null default 0
);
create index ix_webhook_workspace on webhook (workspace_id);

-- Notification settings: a workspace's defaults (owner '*') and each user's own choices.
create table notification_preference (
    workspace_id  varchar(64)  not null,
    owner         varchar(100) not null,
    settings_json text         not null,
    row_version   bigint       not null default 0,
    primary key (workspace_id, owner)
);

-- Reminders and escalations that fall due later, on the workspace's calendar.
create table notice_follow_up (
    id            varchar(200) not null primary key,
    workspace_id  varchar(64)  not null,
    kind          varchar(40)  not null,
    project_id    varchar(36)  not null,
    stage_key     varchar(100) not null,
    round_no      int          not null,
    due_at        timestamp with time zone not null,
    status        varchar(16)  not null,
    row_version   bigint       not null default 0
);
create index ix_follow_up_due on notice_follow_up (status, due_at);
