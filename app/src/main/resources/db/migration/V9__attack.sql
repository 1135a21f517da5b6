-- MITRE ATT&CK reference data, imported from MITRE's STIX bundles (public, TLP:CLEAR: not per institution).
-- One row per technique id and matrix; an import replaces the rows of the matrices its bundle holds.
create table attack_technique (
    domain      text    not null check (domain in ('enterprise-attack', 'mobile-attack', 'ics-attack')),
    id          text    not null check (id ~ '^T[0-9]{4}(\.[0-9]{3})?$'),
    name        text    not null,
    stix_id     text    not null,
    -- Short names of its tactics in its matrix's kill chain (execution, credential-access...).
    tactics     text[]  not null,
    url         text,
    deprecated  boolean not null,
    revoked     boolean not null,
    primary key (domain, id)
);
create index attack_technique_id on attack_technique (id);

create table attack_tactic (
    domain     text not null,
    id         text not null check (id ~ '^TA[0-9]{4}$'),
    short_name text not null,
    name       text not null,
    primary key (domain, id)
);

create table attack_import (
    id          bigserial primary key,
    collections text[]      not null,
    domains     text[]      not null,
    techniques  integer     not null,
    tactics     integer     not null,
    skipped     integer     not null,
    imported_at timestamptz not null,
    imported_by text        not null
);

-- The techniques an alert's rule names through its attack.tNNNN tags, kept with the alert so that a later rule
-- change does not rewrite what an alert was about.
alter table detection_alert add column attack_techniques text[] not null default '{}';
