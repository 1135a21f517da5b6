-- Sharing credit (ADR 028): an append-only ledger of points per institution, the indicators it knows the first
-- submitter of, and the indicators hub analysts marked false positive. Every row carries its institution.

create table credit_entry (
    id              bigserial   primary key,
    institution_id  text        not null,
    kind            text        not null check (kind in ('FIRST_REPORT', 'CORROBORATION', 'SIGHTING_CONFIRMS_OTHER',
                                    'SIGHTING_REPORTED', 'TIMELY_ACKNOWLEDGEMENT', 'LATE_ACKNOWLEDGEMENT', 'ESCALATED',
                                    'FALSE_POSITIVE_PENALTY', 'MANUAL_ADJUSTMENT')),
    points          integer     not null,
    reason          text        not null,
    -- the STIX id, warning id or ledger entry the points are about
    reference       text,
    -- the fact scored ("first:<stix id>", "ack:<warning>:<institution>", ...): a redelivered event adds nothing
    source_key      text        not null unique,
    -- from an anonymous share: only the institution itself and the hub see the reference
    anonymous       boolean     not null default false,
    occurred_at     timestamptz not null,
    -- the Asia/Taipei month of occurred_at, YYYY-MM: what the ranking groups by
    month           text        not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    rules_version   text        not null,
    recorded_by     text        not null,
    recorded_at     timestamptz not null
);
create index credit_entry_month on credit_entry (month, institution_id);
create index credit_entry_institution on credit_entry (institution_id, month);
create index credit_entry_reference on credit_entry (reference, kind);

-- Entries are never changed or removed: a correction is a new entry.
create function credit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'credit_entry is append-only; record a correcting entry instead';
end $$;
create trigger credit_entry_append_only before update or delete on credit_entry
    for each row execute function credit_entry_append_only();

create table credit_indicator (
    stix_id         text        primary key,
    institution_id  text        not null,
    collection      text        not null,
    pattern_sha256  text        not null,
    anonymous       boolean     not null,
    shared_at       timestamptz not null
);
create index credit_indicator_institution on credit_indicator (institution_id);

create table credit_false_positive (
    stix_id         text        primary key,
    institution_id  text        not null,
    reason          text        not null,
    marked_by       text        not null,
    marked_at       timestamptz not null
);
create index credit_false_positive_institution on credit_false_positive (institution_id);
