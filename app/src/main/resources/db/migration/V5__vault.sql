-- Data safe harbour at the hub: attestation signing keys, the hash-chained attestation ledger, the custody registry
-- (threshold, restoring institution, custodian public keys), restore requests with their approvals and denials,
-- restore drills, and the freshness checks already made (so that a restart never reports a missed run twice).

create table vault_signing_key (
    fingerprint    text        primary key check (fingerprint ~ '^[0-9a-f]{64}$'),
    institution_id text        not null references institution (id),
    public_key     bytea       not null,
    ml_dsa         boolean     not null,
    registered_at  timestamptz not null,
    registered_by  text        not null,
    retired_at     timestamptz,
    retired_by     text
);
create index vault_signing_key_institution on vault_signing_key (institution_id);

-- The ledger: entry_hash = SHA-256 over a versioned, length-prefixed serialisation of the sequence number, the
-- institution, the receipt time, the signer's public key, the signed bytes (the attestation's canonical JSON as
-- received), the signature and the previous entry's hash. The columns after signature are copies of signed values,
-- kept for queries; verification checks them against the signed bytes.
create table vault_ledger (
    sequence       bigint      primary key check (sequence > 0),
    institution_id text        not null references institution (id),
    received_at    timestamptz not null,
    signer_key     bytea       not null,
    signed_bytes   bytea       not null,
    signature      bytea       not null,
    submitted_by   text        not null,
    prev_hash      text        not null,
    entry_hash     text        not null,
    signer_fingerprint text    not null,
    snapshot_id    text        not null unique,
    repository_id  text        not null,
    business_date  date        not null,
    vaulted_at     timestamptz not null
);
create index vault_ledger_institution on vault_ledger (institution_id, business_date desc);

create table vault_ledger_head (
    id       integer primary key check (id = 1),
    sequence bigint  not null,
    hash     text    not null
);
insert into vault_ledger_head (id, sequence, hash) values (1, 0, repeat('0', 64));

create function refuse_vault_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception 'the vault ledger is append-only: % on % is refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;
create trigger vault_ledger_append_only before update or delete on vault_ledger
    for each row execute function refuse_vault_ledger_change();
create trigger vault_ledger_no_truncate before truncate on vault_ledger
    for each statement execute function refuse_vault_ledger_change();

create function vault_ledger_head_moves_forward() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.sequence <> old.sequence + 1 then
        raise exception 'vault_ledger_head only advances by one entry' using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
create trigger vault_ledger_head_forward before update or delete on vault_ledger_head
    for each row execute function vault_ledger_head_moves_forward();
create trigger vault_ledger_head_no_truncate before truncate on vault_ledger_head
    for each statement execute function refuse_vault_ledger_change();

-- Who holds an institution's escrow: the threshold M and the designated restoring institution, set by the hub.
create table vault_custody (
    institution_id         text        primary key references institution (id),
    threshold              integer     not null check (threshold between 2 and 4),
    restoring_institution  text        not null references institution (id),
    updated_at             timestamptz not null,
    updated_by             text        not null,
    check (restoring_institution <> institution_id)
);

-- One custodian public key per role of an institution's escrow, registered by the tenant holding that role.
create table vault_custodian (
    institution_id text        not null references institution (id),
    role           text        not null check (role in ('INSTITUTION', 'HUB_OPERATOR', 'REGULATOR',
                                                        'RESTORING_INSTITUTION')),
    tenant_id      text        not null references institution (id),
    name           text        not null check (length(name) between 1 and 200),
    public_key     bytea       not null,
    fingerprint    text        not null check (fingerprint ~ '^[0-9a-f]{64}$'),
    registered_at  timestamptz not null,
    registered_by  text        not null,
    primary key (institution_id, role)
);

create table vault_restore_request (
    id                    uuid        primary key,
    institution_id        text        not null references institution (id),
    restoring_institution text        not null references institution (id),
    repository_id         text        not null check (repository_id ~ '^[0-9a-f]{32}$'),
    reason                text        not null check (length(reason) between 1 and 2000),
    restorer_key          bytea       not null,
    restorer_fingerprint  text        not null,
    threshold             integer     not null,
    status                text        not null check (status in ('PENDING', 'APPROVED', 'DENIED')),
    requested_at          timestamptz not null,
    requested_by          text        not null,
    decided_at            timestamptz
);
create index vault_restore_request_institution on vault_restore_request (institution_id, requested_at desc);
create index vault_restore_request_restorer on vault_restore_request (restoring_institution, requested_at desc);

-- A custodian's decision on a request: an approval carries its released share (sealed to the restorer's key, opaque
-- to the hub), a denial its reason. One decision per role and request.
create table vault_restore_decision (
    request_id           uuid        not null references vault_restore_request (id),
    role                 text        not null,
    tenant_id            text        not null references institution (id),
    decision             text        not null check (decision in ('APPROVED', 'DENIED')),
    released_share       bytea,
    custodian_fingerprint text,
    reason               text,
    decided_at           timestamptz not null,
    decided_by           text        not null,
    primary key (request_id, role),
    check ((decision = 'APPROVED') = (released_share is not null))
);

create table vault_drill (
    id                   uuid        primary key,
    institution_id       text        not null references institution (id),
    recorded_by_tenant   text        not null references institution (id),
    repository_id        text        not null,
    snapshot_id          text        not null,
    business_date        date        not null,
    started_at           timestamptz not null,
    finished_at          timestamptz not null,
    phases               text        not null,
    files                bigint      not null,
    bytes                bigint      not null,
    control_totals_match boolean     not null,
    discrepancies        text[]      not null,
    target_seconds       bigint      not null,
    outcome              text        not null check (outcome in ('PASSED', 'FAILED')),
    recorded_at          timestamptz not null,
    recorded_by          text        not null
);
create index vault_drill_institution on vault_drill (institution_id, started_at desc);

-- The business dates the missed-run check has already covered.
create table vault_freshness_check (
    business_date date        primary key,
    checked_at    timestamptz not null,
    missed        integer     not null
);

-- Detection turns a missed vault run into an alert of its own kind.
alter table detection_alert drop constraint detection_alert_kind_check;
alter table detection_alert add constraint detection_alert_kind_check
    check (kind in ('detection', 'correlation', 'indicator', 'sector', 'source-silent', 'vault-missed'));
