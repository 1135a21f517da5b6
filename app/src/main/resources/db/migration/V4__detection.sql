-- Detection: the rule catalogue with every version kept, alerts as OCSF Detection Findings with their evidence,
-- the parts of sector alerts each institution may see, indicators and their sightings, and the state that lets
-- detection resume after a restart (correlation windows, the position in the event stream).

create table detection_rule (
    id             uuid primary key,
    -- The Sigma id, else its name, else its title: what correlations refer to and uploads are matched on.
    rule_key       text        not null,
    -- hub: every institution's events, correlations per institution; institution: one institution's events only;
    -- sector: across institutions (its hits are sector alerts).
    scope          text        not null check (scope in ('hub', 'institution', 'sector')),
    institution_id text        references institution (id),
    document_type  text        not null check (document_type in ('rule', 'correlation', 'filter')),
    title          text        not null,
    level          text,
    enabled        boolean     not null default true,
    version        integer     not null,
    origin         text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    updated_by     text        not null,
    check ((scope = 'institution') = (institution_id is not null))
);
-- One key in the whole catalogue: correlations refer to rules by it, and the engine is shared by every scope.
create unique index detection_rule_key on detection_rule (rule_key);

create table detection_rule_version (
    rule_id     uuid        not null references detection_rule (id),
    version     integer     not null,
    yaml        text        not null,
    sha256      text        not null,
    uploaded_at timestamptz not null,
    uploaded_by text        not null,
    primary key (rule_id, version)
);

create table detection_alert (
    id              bigserial primary key,
    uid             uuid        not null unique,
    -- The institution whose events raised it; 'hub' for a sector alert (its members are in sector_alert_member).
    institution_id  text        not null,
    kind            text        not null check (kind in ('detection', 'correlation', 'indicator', 'sector', 'source-silent')),
    rule_key        text        not null,
    rule_title      text        not null,
    level           text        not null,
    severity_id     smallint    not null,
    -- What makes two hits the same alert within the suppression window (rule, host or group values, indicator).
    dedup_key       text        not null,
    status          text        not null default 'new' check (status in ('new', 'acknowledged', 'closed')),
    close_reason    text,
    close_note      text,
    acknowledged_at timestamptz,
    acknowledged_by text,
    closed_at       timestamptz,
    closed_by       text,
    first_seen      timestamptz not null,
    last_seen       timestamptz not null,
    hits            bigint      not null,
    group_values    jsonb,
    -- What the text filter searches: title, rule, group values and the first evidence's addresses, user, host
    -- and observables, so that an analyst finds the alerts of an address or a host.
    search_text     text        not null default '',
    finding         jsonb       not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index detection_alert_institution on detection_alert (institution_id, created_at desc, id desc);
create index detection_alert_created on detection_alert (created_at desc, id desc);
create index detection_alert_dedup on detection_alert (institution_id, rule_key, dedup_key, last_seen desc);

-- The events behind an alert (the first ones, bounded per alert), so that an analyst can open them.
create table detection_alert_event (
    alert_id       bigint      not null references detection_alert (id),
    institution_id text        not null,
    event_id       uuid        not null,
    event_time     timestamptz not null,
    primary key (alert_id, institution_id, event_id)
);

-- One row per institution taking part in a sector alert: each institution reads only its own row.
create table sector_alert_member (
    alert_id       bigint      not null references detection_alert (id),
    institution_id text        not null,
    first_seen     timestamptz not null,
    last_seen      timestamptz not null,
    hits           bigint      not null,
    -- That institution's own alerts the sector alert was built from.
    member_alerts  bigint[]    not null default '{}',
    primary key (alert_id, institution_id)
);
create index sector_alert_member_institution on sector_alert_member (institution_id, alert_id desc);

create table indicator (
    id          bigserial primary key,
    type        text        not null,
    value       text        not null,
    label       text,
    source      text        not null,
    active      boolean     not null default true,
    created_at  timestamptz not null,
    created_by  text        not null,
    retired_at  timestamptz,
    unique (type, value)
);

-- Every indicator hit: the intelligence module turns these into STIX sightings.
create table indicator_sighting (
    id             bigserial primary key,
    indicator_id   bigint      not null references indicator (id),
    institution_id text        not null,
    event_id       uuid        not null,
    event_time     timestamptz not null,
    observed       text        not null,
    sighted_at     timestamptz not null
);
create index indicator_sighting_indicator on indicator_sighting (indicator_id, sighted_at desc);
create index indicator_sighting_institution on indicator_sighting (institution_id, sighted_at desc);

-- Correlation windows per engine and the position in the event stream, saved periodically and at shutdown.
create table detection_state (
    engine      text primary key,
    state       text        not null,
    saved_at    timestamptz not null
);
create table detection_checkpoint (
    id          integer primary key check (id = 1),
    received_at timestamptz not null
);

-- Detection facts: one per alert hit and per indicator sighting, as sector rules read them; a sector alert finds
-- its member institutions here. Kept for a week.
create table detection_fact (
    id             bigserial primary key,
    institution_id text        not null,
    fact_time      timestamptz not null,
    view           text        not null check (view in ('alert', 'sighting')),
    fields         jsonb       not null,
    alert_id       bigint
);
create index detection_fact_fields on detection_fact using gin (fields jsonb_path_ops);
create index detection_fact_time on detection_fact (fact_time);
