-- The analysis works from a queue instead of comparing every stored indicator with its analysis on each refresh
-- (ADR 027): at a million indicators that comparison read the whole store for every batch of 200, and recomputing
-- every indicator's reporters on every refresh read it again. Triggers queue exactly what changed, in the
-- transaction that changed it, so nothing stored is ever missed and nothing unchanged is read.
-- No unique key: a unique key would make two storing transactions that queue the same indicators in another order
-- wait for each other (CI saw that deadlock between a share and a corroboration). A key queued twice is examined
-- once per batch and at worst once more, which is cheap.
create table intel_analysis_queue (
    id               bigserial   primary key,
    collection_id    uuid        not null,
    stix_id          text        not null
);
create index intel_analysis_queue_key on intel_analysis_queue (collection_id, stix_id);

create function intel_analysis_enqueue() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        insert into intel_analysis_queue (collection_id, stix_id) values (old.collection_id, old.stix_id);
    else
        insert into intel_analysis_queue (collection_id, stix_id) values (new.collection_id, new.stix_id);
    end if;
    return null;
end $$;

-- A new indicator version (a revocation is one) changes the indicator and its pattern's reporters.
create trigger intel_object_analysis after insert on intel_object
    for each row when (new.stix_type = 'indicator') execute function intel_analysis_enqueue();
-- A TAXII DELETE of versions may leave an older one latest, or none.
create trigger intel_object_analysis_delete after delete on intel_object
    for each row when (old.stix_type = 'indicator') execute function intel_analysis_enqueue();
-- A corroboration adds a reporter to the pattern.
create trigger intel_corroboration_analysis after insert on intel_corroboration
    for each row execute function intel_analysis_enqueue();

-- What an earlier refresh had not reached yet.
insert into intel_analysis_queue (collection_id, stix_id)
select o.collection_id, o.stix_id
from intel_object o
left join intel_analysis_indicator a on a.collection_id = o.collection_id and a.stix_id = o.stix_id
where o.stix_type = 'indicator' and o.is_last
  and (a.stix_id is null or a.version is null or a.version <> o.version)
order by o.date_added;

-- Expiry is found by its own index, and so is confidence due for recomputation (changed, or a day old).
create index intel_analysis_indicator_expiry on intel_analysis_indicator (valid_until) where status <> 'retired';
create index intel_analysis_indicator_computed on intel_analysis_indicator (computed_at);
