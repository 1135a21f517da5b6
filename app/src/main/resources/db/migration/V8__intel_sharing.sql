-- Intel sharing: each upload through the share API, page or CLI (who truly submitted it, how it asked to be
-- attributed, what became of every object), and the corroborations it counted for indicators other members
-- had already shared. Only the submitting institution and the hub read these rows.

create table intel_share (
    id               uuid primary key,
    institution_id   text        not null,
    submitted_by     text        not null,
    submitted_at     timestamptz not null,
    format           text        not null check (format in ('stix', 'csv', 'misp')),
    attribution      text        not null check (attribution in ('named', 'anonymous')),
    tlp              text        not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED')),
    collection       text,
    recipients       text[]      not null,
    file_name        text,
    accepted         integer     not null,
    duplicates       integer     not null,
    corroborations   integer     not null,
    withheld         integer     not null,
    rejected         integer     not null,
    -- [{"id","type","collection","tlp","outcome","detail"}] and [{"location","id","reason"}]
    objects          text        not null,
    rejections       text        not null
);
create index intel_share_institution on intel_share (institution_id, submitted_at desc);

-- One institution corroborates one indicator once; the indicator stays its first submitter's.
create table intel_corroboration (
    collection_id    uuid        not null references intel_collection (id),
    stix_id          text        not null,
    institution_id   text        not null,
    share_id         uuid        not null references intel_share (id),
    corroborated_at  timestamptz not null,
    primary key (collection_id, stix_id, institution_id)
);
