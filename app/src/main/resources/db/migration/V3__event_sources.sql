-- Completeness and timeliness per institution and source: what arrived, how late, and who fell silent.
create table event_source (
    institution_id    text not null,
    source_name       text not null,
    first_received    timestamptz not null,
    last_received     timestamptz not null,
    last_event_time   timestamptz,
    events_total      bigint not null default 0,
    -- Silent longer than this raises a "source silent" alert; null uses the configured default.
    expected_interval interval,
    silent_since      timestamptz,
    primary key (institution_id, source_name)
);

-- Per-minute counts and lag (receipt time minus event time) for rates, lag figures and gap detection.
create table event_source_minute (
    institution_id text not null,
    source_name    text not null,
    minute         timestamptz not null,
    events         integer not null,
    lag_sum_ms     bigint not null,
    lag_max_ms     bigint not null,
    primary key (institution_id, source_name, minute)
);
