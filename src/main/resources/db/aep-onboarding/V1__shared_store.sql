-- The bundle's shared state: one database for every replica (PostgreSQL; H2 in PostgreSQL mode by default).
-- Tables are prefixed aep_ because the bundle may share a database with its host's own tables.

-- What each request created: one row per request id, its whole mutable state in one JSON document
-- (ids, payload hashes, pending intents), so that a step's record is one UPDATE of one row.
-- owner is the fencing token of the process holding the request's lock: a write whose owner no
-- longer matches (its lock was lost and taken over) changes nothing and fails.
create table aep_onboarding (
    scope       varchar(16)  not null,
    sandbox     varchar(63)  not null,
    request_id  varchar(63)  not null,
    fingerprint varchar(64)  not null,
    request     text         not null,
    state       text         not null,
    complete    boolean      not null,
    owner       varchar(36),
    created_at  timestamp    not null,
    updated_at  timestamp    not null,
    primary key (scope, sandbox, request_id)
);

-- One row per request id ever seen; locked (SELECT ... FOR UPDATE) by the transaction of the process
-- onboarding it. The database ends that transaction when the holder's connection dies.
create table aep_request_lock (
    scope      varchar(16) not null,
    sandbox    varchar(63) not null,
    request_id varchar(63) not null,
    primary key (scope, sandbox, request_id)
);

-- The shared rate limit (GCRA): the theoretical arrival time of the next request, in microseconds.
create table aep_rate_limit (
    limiter    varchar(200) primary key,
    tat_micros bigint       not null
);

-- Each running bundle process holds the lock on its own row for as long as it lives: a row that can
-- be locked belongs to a process that is gone.
create table aep_process (
    process_id varchar(36) primary key,
    host       varchar(255) not null,
    started_at timestamp    not null
);

-- Files of the shared inbox, claimed by exactly one process (Camel's idempotent read lock).
create table aep_inbox_claim (
    claim_key  varchar(1024) primary key,
    process_id varchar(36)   not null,
    claimed_at timestamp     not null
);
