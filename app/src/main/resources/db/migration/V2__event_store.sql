-- The F-SOC event store: OCSF JSON plus typed columns for what is queried often.
-- Partitioned by institution (list) and then by event day (range), so that retention per institution is a
-- matter of dropping that institution's old day partitions, and a duplicate event (same institution, time and
-- id, as redelivered by Kafka or resent after an interruption) collides with the primary key and is stored once.
create table security_event (
    institution_id  text        not null,
    event_time      timestamptz not null,
    event_id        uuid        not null,
    received_at     timestamptz not null,
    category_uid    integer     not null,
    class_uid       integer     not null,
    type_uid        bigint      not null,
    severity_id     smallint    not null,
    priority        smallint    not null default 0,
    incident_level  smallint,
    source_name     text        not null,
    src_ip          inet,
    dst_ip          inet,
    user_name       text,
    device_name     text,
    observables     text[]      not null default '{}',
    message         text,
    ocsf            jsonb       not null,
    raw             bytea,
    primary key (institution_id, event_time, event_id)
) partition by list (institution_id);

create index security_event_class on security_event (class_uid, event_time);
create index security_event_severity on security_event (severity_id, event_time);
create index security_event_observables on security_event using gin (observables);
create index security_event_received on security_event (received_at);

-- Which partitions exist: one per institution, and below it one per day.
create table event_partition (
    institution_id text not null,
    day            date not null,
    table_name     text not null unique,
    primary key (institution_id, day)
);

-- Input that could not be decoded: kept with its reason and raw bytes, replayable after a mapping fix.
create table dead_letter (
    id             bigserial primary key,
    institution_id text not null,
    received_at    timestamptz not null,
    transport      text not null,
    format         text,
    reason         text not null,
    raw            bytea not null,
    replayed_at    timestamptz,
    replay_outcome text
);
create index dead_letter_institution on dead_letter (institution_id, received_at desc);
