-- Idempotency keys remember which request they were first used for (a SHA-256 of method, address
-- and body), hold in-flight work under a lease a retry may take over once it ran out, note in the
-- work's own transaction that the work committed, and expire.
alter table idempotent_request add column fingerprint varchar(64);
alter table idempotent_request add column lease_token varchar(36);
alter table idempotent_request add column lease_until timestamp with time zone;
alter table idempotent_request add column work_committed boolean default false not null;
alter table idempotent_request add column location varchar(500);
alter table idempotent_request add column expires_at timestamp with time zone;

-- Keys from before: answers are kept a day from their first use; one left in flight (by a crash)
-- can be taken over at once.
update idempotent_request set expires_at = created_at + interval '1' day;
update idempotent_request set lease_until = created_at where status is null;
alter table idempotent_request alter column expires_at set not null;

create index idempotent_request_expiry on idempotent_request (expires_at);
