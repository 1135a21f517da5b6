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

-- The STIX pattern of every indicator stored (by SHA-256 of its text), so that "already shared" is an index look-up
-- however large the collection; the object row still decides visibility, revocation and the latest version.
create table intel_pattern (
    collection_id    uuid        not null references intel_collection (id),
    pattern_sha256   bytea       not null,
    stix_id          text        not null,
    primary key (collection_id, pattern_sha256, stix_id)
);

-- Indicators stored before this migration. Row by row, so that one body PostgreSQL's jsonb cannot hold (a \u0000 in
-- a string) is skipped rather than failing the migration; such an indicator is then only not found as shared before.
do $$
declare
    r record;
begin
    for r in select collection_id, stix_id, body from intel_object where stix_type = 'indicator' loop
        begin
            insert into intel_pattern (collection_id, pattern_sha256, stix_id)
            select r.collection_id, sha256(convert_to(b ->> 'pattern', 'UTF8')), r.stix_id
            from (select r.body::jsonb as b) j
            where b ->> 'pattern_type' = 'stix' and jsonb_typeof(b -> 'pattern') = 'string'
            on conflict do nothing;
        exception when others then
            null;
        end;
    end loop;
end $$;
