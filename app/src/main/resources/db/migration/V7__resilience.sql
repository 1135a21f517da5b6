-- Operational resilience at the hub: each institution's resilience register in versions (the source text exactly as
-- uploaded, so an export of an old version is what was uploaded), signed drill evidence, and the command view's
-- operations (a drill or an incident: status per service per site, assignees, restoration steps done, notes).
-- Every row carries its institution; every query filters on it.

create table resilience_register (
    institution_id text        not null references institution (id),
    version        integer     not null check (version > 0),
    format         text        not null check (format in ('YAML', 'JSON')),
    source         text        not null,
    services       integer     not null,
    components     integer     not null,
    summary        jsonb       not null,
    uploaded_by    text        not null,
    uploaded_at    timestamptz not null,
    primary key (institution_id, version)
);

create table resilience_drill (
    id                 uuid        primary key,
    institution_id     text        not null references institution (id),
    evidence           text        not null,
    service_ids        text[]      not null,
    outcome            text        not null,
    started_at         timestamptz,
    detection_ms       bigint,
    switchover_ms      bigint,
    recovery_ms        bigint,
    transfers_acked    bigint,
    transfers_lost     bigint,
    signer_fingerprint text        not null,
    verified           boolean     not null,
    received_at        timestamptz not null,
    submitted_by       text        not null
);
create index resilience_drill_institution on resilience_drill (institution_id, received_at desc);

create table resilience_operation (
    id               uuid        primary key,
    institution_id   text        not null references institution (id),
    kind             text        not null check (kind in ('DRILL', 'INCIDENT')),
    title            text        not null,
    scenario         jsonb       not null,
    register_version integer     not null,
    status           text        not null check (status in ('OPEN', 'CLOSED')),
    opened_at        timestamptz not null,
    opened_by        text        not null,
    closed_at        timestamptz,
    foreign key (institution_id, register_version) references resilience_register (institution_id, version)
);
create index resilience_operation_institution on resilience_operation (institution_id, opened_at desc);

create table resilience_operation_status (
    operation_id   uuid        not null references resilience_operation (id),
    institution_id text        not null references institution (id),
    service_id     text        not null,
    site_id        text        not null,
    up             boolean     not null,
    updated_at     timestamptz not null,
    updated_by     text        not null,
    primary key (operation_id, service_id, site_id)
);

create table resilience_operation_assignee (
    operation_id   uuid        not null references resilience_operation (id),
    institution_id text        not null references institution (id),
    service_id     text        not null,
    assignee       text        not null,
    updated_at     timestamptz not null,
    updated_by     text        not null,
    primary key (operation_id, service_id)
);

create table resilience_operation_step (
    operation_id   uuid        not null references resilience_operation (id),
    institution_id text        not null references institution (id),
    element_id     text        not null,
    done           boolean     not null,
    updated_at     timestamptz not null,
    updated_by     text        not null,
    primary key (operation_id, element_id)
);

create table resilience_operation_note (
    id             bigserial   primary key,
    operation_id   uuid        not null references resilience_operation (id),
    institution_id text        not null references institution (id),
    text           text        not null,
    written_at     timestamptz not null,
    written_by     text        not null
);
create index resilience_operation_note_operation on resilience_operation_note (operation_id, id);
