-- Intel: TAXII 2.1 collections, every version of every STIX object shared into them (exact original JSON), the
-- object's TLP and sharing scope, and the status of each POST. Paging is keyset on (date_added, seq) per
-- collection; a collection's row lock serialises its writers so that a cursor never skips an object committed
-- behind it.

create table intel_collection (
    id               uuid primary key,
    alias            text        not null unique,
    title            text        not null,
    description      text        not null,
    -- community: every member reads and writes; warnings: every member reads, the hub writes;
    -- inbox: one institution and the hub only.
    kind             text        not null check (kind in ('community', 'warnings', 'inbox')),
    -- The institution of an inbox (no foreign key: the inbox and its history outlive a deleted tenant's row).
    owner            text,
    -- TLP given to an object that carries no TLP marking of its own.
    default_tlp      text        not null check (default_tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED')),
    created_at       timestamptz not null,
    -- The last sequence number and date_added handed out; updated under the row lock by each writer.
    last_seq         bigint      not null default 0,
    last_date_added  timestamptz,
    check ((kind = 'inbox') = (owner is not null))
);
create unique index intel_collection_inbox on intel_collection (owner) where kind = 'inbox';

create table intel_object (
    collection_id    uuid        not null references intel_collection (id),
    seq              bigint      not null,
    -- Microseconds, strictly increasing per collection: added_after and the X-TAXII headers are exact.
    date_added       timestamptz not null,
    stix_id          text        not null,
    stix_type        text        not null,
    spec_version     text        not null,
    created          timestamptz,
    modified         timestamptz,
    -- The TAXII version: modified, else created, else date_added (SCOs carry neither).
    version          timestamptz not null,
    -- The version as STIX text, for the manifest and versions lists (precision as written).
    version_text     text        not null,
    is_first         boolean     not null,
    is_last          boolean     not null,
    revoked          boolean     not null,
    tlp              text        not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED')),
    -- community: whoever reads the collection (TLP permitting); recipients: the submitter, the named
    -- recipients and the hub only.
    scope            text        not null check (scope in ('community', 'recipients')),
    recipients       text[]      not null,
    submitter        text        not null,
    submitter_hidden boolean     not null,
    submitted_by     text        not null,
    -- The object's exact original JSON text, re-emitted byte for byte.
    body             text        not null,
    primary key (collection_id, seq)
);
-- Deduplication: one (id, version) per collection.
create unique index intel_object_version on intel_object (collection_id, stix_id, version);
-- The paging keyset; the included columns decide visibility and every filter, so a page's keys are found by an
-- index-only scan and only the page's own rows are then read for their bodies.
create index intel_object_page on intel_object (collection_id, date_added, seq)
    include (stix_id, stix_type, version, tlp, scope, submitter, recipients, is_first, is_last, spec_version);
create index intel_object_type on intel_object (collection_id, stix_type, date_added, seq);

create table intel_status (
    id               uuid primary key,
    collection_id    uuid        not null references intel_collection (id),
    institution_id   text        not null,
    requested_by     text        not null,
    request_timestamp timestamptz not null,
    total_count      integer     not null,
    success_count    integer     not null,
    failure_count    integer     not null,
    -- [{"id","version","message"}] as the TAXII status resource lists them.
    successes        text        not null,
    failures         text        not null
);

-- The key that signs paging cursors, made once per database so cursors survive a restart.
create table intel_cursor_key (
    id               integer primary key check (id = 1),
    secret           bytea       not null
);
