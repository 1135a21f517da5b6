-- Automated analysis of shared intelligence: the hub's own assessment of every stored STIX indicator (never a
-- rewrite of the submitter's object), the per-member-per-day sightings it turned into STIX, and the hub-managed
-- warning-list entries. Rows carry the institution they belong to (the submitter, or the member sighted at).

create table intel_analysis_indicator (
    collection_id    uuid        not null references intel_collection (id),
    stix_id          text        not null,
    submitter        text        not null,
    submitter_hidden boolean     not null,
    -- the version last examined; null asks the next refresh to examine it again (a warning list changed)
    version          timestamptz,
    tlp              text        not null,
    scope            text        not null,
    recipients       text[]      not null,
    pattern          text,
    -- matched: fed to detection; unmatchable: a pattern detection cannot match (reason says why);
    -- warning-listed: its value is known benign (reason names the list); retired: revoked or past valid_until.
    status           text        not null check (status in ('matched', 'unmatchable', 'warning-listed', 'retired')),
    reason           text,
    value_type       text,
    value            text,
    detection_id     bigint,
    valid_until      timestamptz,
    stored_at        timestamptz not null,
    reporters        integer     not null default 1,
    sightings        bigint      not null default 0,
    last_sighted     timestamptz,
    confidence       integer     not null default 0 check (confidence between 0 and 100),
    computed_at      timestamptz,
    retro_status     text        not null default 'none' check (retro_status in ('none', 'pending', 'running', 'done', 'skipped', 'failed')),
    retro_total      integer     not null default 0,
    retro_done       integer     not null default 0,
    retro_hits       integer     not null default 0,
    retro_note       text,
    primary key (collection_id, stix_id)
);
create index intel_analysis_indicator_detection on intel_analysis_indicator (detection_id) where status = 'matched';
create index intel_analysis_indicator_submitter on intel_analysis_indicator (submitter);

-- One STIX sighting per indicator, member and day; each new hit adds a version with the new count.
create table intel_analysis_sighting (
    collection_id    uuid        not null,
    stix_id          text        not null,
    institution_id   text        not null,
    day              date        not null,
    sighting_id      text        not null unique,
    count            integer     not null,
    first_seen       timestamptz not null,
    last_seen        timestamptz not null,
    retro_hunt       boolean     not null,
    created          timestamptz not null,
    modified         timestamptz not null,
    -- each event counted once, so a retro-hunt finding an event detection already saw does not count it twice
    events           uuid[]      not null,
    primary key (collection_id, stix_id, institution_id, day),
    foreign key (collection_id, stix_id) references intel_analysis_indicator (collection_id, stix_id)
);
create index intel_analysis_sighting_institution on intel_analysis_sighting (institution_id, day desc);

-- Warning-list entries the hub's analysts add beside the shipped lists.
create table intel_warning_entry (
    id               bigserial primary key,
    list_name        text        not null,
    value_type       text        not null check (value_type in ('ipv4', 'ipv6', 'cidr', 'domain')),
    value            text        not null,
    note             text,
    created_at       timestamptz not null,
    created_by       text        not null,
    unique (list_name, value_type, value)
);

-- Reporters of the same pattern are counted across collections.
create index intel_pattern_hash on intel_pattern (pattern_sha256);
