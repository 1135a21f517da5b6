package org.finres.intel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.intel.internal.CollectionCatalogue;
import org.finres.intel.internal.Cursors;
import org.finres.intel.internal.EnvelopeReader;
import org.finres.intel.internal.HubIdentities;
import org.finres.intel.internal.IndicatorFacts;
import org.finres.intel.internal.Markings;
import org.finres.intel.internal.ObjectStore;
import org.finres.intel.internal.SubmitterMasking;
import org.finres.stix.StixBundleReader;
import org.finres.stix.StixValidator;
import org.finres.stix.Tlp;
import org.finres.stix.ValidationProblem;
import org.finres.stix.model.StixFormatException;
import org.finres.stix.model.StixObject;
import org.finres.stix.model.StixTimestamp;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Shared threat intelligence: the collections a caller may use, and the objects in them as TLP and sharing
 * scope allow. Every refusal is audited; a collection or object the caller may not see answers "not found"
 * exactly like one that does not exist. The hub receives everything shared (it operates the exchange);
 * an institution sees community-scoped objects up to TLP:AMBER and whatever it submitted or is a named
 * recipient of; AMBER+STRICT and RED are always recipients-only.
 */
@Service
public class ThreatIntel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CollectionCatalogue catalogue;
    private final ObjectStore store;
    private final Cursors cursors;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final StixValidator validator = new StixValidator();

    ThreatIntel(CollectionCatalogue catalogue, ObjectStore store, Cursors cursors, AuditTrail audit, JdbcClient jdbc,
                ApplicationEventPublisher events, Clock clock) {
        this.catalogue = catalogue;
        this.store = store;
        this.cursors = cursors;
        this.audit = audit;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Which endpoint a page is read for; cursors are bound to it. */
    public enum Endpoint { OBJECTS, MANIFEST, OBJECT, VERSIONS }

    /** Refuses (403) a caller that holds no intel permission at all. */
    public void requireIntel(Actor actor) {
        if (!actor.holds(Permission.INTEL_READ) && !actor.holds(Permission.INTEL_WRITE)) {
            audit.recordDenied(actor, "intel.access", "intel_collection", null, null, "missing permission INTEL_READ");
            throw new AccessRefusedException("threat intelligence needs a token or role with the INTEL_READ permission "
                    + "(token scope intel:write or read)");
        }
    }

    public List<IntelCollection> collections(Actor actor) {
        requireIntel(actor);
        return catalogue.all().stream().map(c -> view(actor, c)).filter(c -> c.canRead() || c.canWrite()).toList();
    }

    /** The collection by id or alias, or not found when the caller may neither read nor write it. */
    public IntelCollection collection(Actor actor, String idOrAlias) {
        requireIntel(actor);
        Optional<IntelCollection> found = catalogue.find(idOrAlias).map(c -> view(actor, c));
        if (found.isEmpty() || !(found.get().canRead() || found.get().canWrite())) {
            audit.recordDenied(actor, "intel.collection.read", "intel_collection", idOrAlias, null,
                    found.isEmpty() ? "no such collection" : "not the caller's collection");
            throw new NotFoundException("collection", idOrAlias);
        }
        return found.get();
    }

    private static IntelCollection view(Actor actor, CollectionCatalogue.Stored c) {
        boolean read = actor.holds(Permission.INTEL_READ);
        boolean write = actor.holds(Permission.INTEL_WRITE);
        switch (c.kind()) {
            case COMMUNITY -> {
            }
            case WARNINGS -> write = actor.grants().get(Permission.INTEL_WRITE) == Permission.Reach.ALL;
            case INBOX -> {
                read = actor.may(Permission.INTEL_READ, c.owner());
                write = actor.may(Permission.INTEL_WRITE, c.owner());
            }
        }
        return new IntelCollection(c.id(), c.alias(), c.title(), c.description(), c.kind(), c.owner(), c.defaultTlp(),
                read, write);
    }

    private IntelCollection readable(Actor actor, String collection) {
        IntelCollection c = collection(actor, collection);
        if (!c.canRead()) {
            audit.recordDenied(actor, "intel.objects.read", "intel_collection", c.alias(), null, "collection not readable");
            throw new AccessRefusedException("collection " + c.alias() + " is not readable with these credentials");
        }
        return c;
    }

    /** The institution whose visibility applies; null for the hub, which receives everything. */
    private static InstitutionId viewer(Actor actor) {
        return actor.grants().get(Permission.INTEL_READ) == Permission.Reach.ALL ? null : actor.institutionId();
    }

    /** Objects (or manifest entries) of a collection, oldest date_added first. */
    public Paged objects(Actor actor, String collection, ObjectFilter filter, Endpoint endpoint) {
        IntelCollection c = readable(actor, collection);
        return page(actor, c, null, filter, endpoint);
    }

    /** The versions of one object the filter selects; not found when the caller sees no version of it. */
    public Paged object(Actor actor, String collection, String stixId, ObjectFilter filter, Endpoint endpoint) {
        IntelCollection c = readable(actor, collection);
        requireVisible(actor, c, stixId);
        return page(actor, c, stixId, filter, endpoint);
    }

    private void requireVisible(Actor actor, IntelCollection c, String stixId) {
        if (!store.visible(c.id(), stixId, viewer(actor))) {
            audit.recordDenied(actor, "intel.object.read", "intel_object", stixId, null, "no such object or not visible");
            throw new NotFoundException("object", stixId);
        }
    }

    /** A page and the collection it was read from. */
    public record Paged(IntelCollection collection, ObjectPage page) {
    }

    private Paged page(Actor actor, IntelCollection c, String stixId, ObjectFilter filter, Endpoint endpoint) {
        // added_after is left out of the cursor's context on purpose: the cursor's position lies after it already,
        // so a client that sends only next (as many do) continues exactly the same scan.
        String context = c.id() + "|" + endpoint + "|" + (stixId == null ? "" : stixId) + "|" + actor.auditName() + "|"
                + filter.ids() + "|" + filter.types() + "|" + filter.versions() + "|" + filter.specVersions();
        Cursors.Position after = filter.next() == null ? null : cursors.decode(filter.next(), context);
        List<ObjectStore.Row> rows = store.page(new ObjectStore.Query(c.id(), after, filter.addedAfter(), stixId,
                filter.ids(), filter.types(), filter.versions(), filter.specVersions(), viewer(actor), filter.limit()));
        boolean more = rows.size() > filter.limit();
        List<ObjectStore.Row> shown = more ? rows.subList(0, filter.limit()) : rows;
        String next = null;
        if (more) {
            ObjectStore.Row last = shown.getLast();
            next = cursors.encode(new Cursors.Position(Cursors.micros(last.dateAdded()), last.seq()), context);
        }
        List<StoredVersion> items = shown.stream().map(r -> new StoredVersion(r.stixId(), r.type(), r.specVersion(),
                r.dateAdded(), r.versionText(), r.tlp(), r.revoked(), r.body())).toList();
        recordRestrictedReads(actor, c, items);
        return new Paged(c, new ObjectPage(items, more, next));
    }

    private void recordRestrictedReads(Actor actor, IntelCollection c, List<StoredVersion> items) {
        List<StoredVersion> restricted = items.stream().filter(v -> v.tlp().compareTo(Tlp.AMBER) >= 0).toList();
        if (restricted.isEmpty()) {
            return;
        }
        audit.record(actor, AuditEntry.success("restricted.read", "intel_object", restricted.getFirst().id(), null)
                .with("collection", c.alias()).with("objects", Integer.toString(restricted.size()))
                .with("ids", restricted.stream().limit(20).map(StoredVersion::id).collect(Collectors.joining(" "))));
    }

    /**
     * Stores the objects of a TAXII envelope, a STIX bundle or a lone STIX object. Each object is validated on its
     * own: a bad one is a failure in the status, never the end of the request.
     */
    @Transactional
    public PostStatus post(Actor actor, String collection, byte[] body) {
        IntelCollection c = collection(actor, collection);
        if (!c.canWrite()) {
            audit.recordDenied(actor, "intel.objects.add", "intel_collection", c.alias(), null, "collection not writable");
            throw new AccessRefusedException("collection " + c.alias() + " is not writable with these credentials");
        }
        Instant requested = clock.instant();
        EnvelopeReader.Envelope envelope = EnvelopeReader.read(body);
        List<InstitutionId> named = envelope.recipients().stream().map(InstitutionId::of).distinct().toList();
        Sharing sharing = new Sharing(named, envelope.hideSubmitter());
        List<String> recipients = c.kind() == CollectionKind.INBOX ? List.of(c.owner().value())
                : sharing.recipients().stream().map(InstitutionId::value).toList();
        List<StatusDetail> failures = new ArrayList<>();
        List<StatusDetail> withheld = new ArrayList<>();
        List<StixObject> valid = new ArrayList<>();
        for (EnvelopeReader.Element element : envelope.objects()) {
            switch (element) {
                case EnvelopeReader.Element.NotAnObject bad -> failures.add(new StatusDetail("", "",
                        "objects[" + bad.index() + "] is " + bad.found() + ", not a STIX object"));
                case EnvelopeReader.Element.Text text -> {
                    StixObject object;
                    try {
                        object = StixBundleReader.readObject(text.json());
                    } catch (StixFormatException e) {
                        failures.add(new StatusDetail(idGuess(text.json()), "", e.getMessage()));
                        continue;
                    }
                    List<ValidationProblem> problems = validator.validate(object);
                    if (!problems.isEmpty()) {
                        failures.add(new StatusDetail(object.id().toString(), versionOf(object),
                                problems.stream().limit(5).map(ValidationProblem::toString).collect(Collectors.joining("; "))));
                        continue;
                    }
                    valid.add(object);
                }
            }
        }
        if (sharing.hideSubmitter() && !valid.isEmpty()) {
            // A hidden submitter must not show through the objects' own creator either (ADR 024).
            SubmitterMasking.Masked masked = SubmitterMasking.mask(valid, HubIdentities.ANONYMOUS);
            // The anonymous identity itself is not added here: a TAXII status lists exactly what was posted.
            valid = new ArrayList<>(masked.published());
            for (StixObject w : masked.withheld()) {
                withheld.add(new StatusDetail(w.id().toString(), versionOf(w),
                        "not published: it names the submitter, who asked to be hidden"));
            }
        }
        List<ObjectStore.NewVersion> versions = new ArrayList<>();
        for (StixObject object : valid) {
            Tlp tlp = Markings.tlpOf(object, c.defaultTlp());
            StixTimestamp modified = object.common().modified();
            StixTimestamp created = object.common().created();
            StixTimestamp version = modified != null ? modified : created;
            versions.add(new ObjectStore.NewVersion(object.id().toString(), object.type(),
                    object.common().specVersion() == null ? "2.1" : object.common().specVersion(),
                    created == null ? null : created.instant(), modified == null ? null : modified.instant(),
                    version == null ? null : version.instant(), version == null ? null : version.text(),
                    Boolean.TRUE.equals(object.common().revoked()), tlp,
                    c.kind() == CollectionKind.INBOX || Markings.recipientsOnly(tlp) || !recipients.isEmpty(),
                    recipients, actor.institutionId(), sharing.hideSubmitter(), actor.auditName(),
                    object.json().text()));
        }
        // Classified before the insert, against what was there already: what sharing credit scores (ADR 028).
        List<IndicatorShared> shared = classify(actor.institutionId(), c, valid, versions, sharing.hideSubmitter(), requested);
        List<ObjectStore.Outcome> outcomes = versions.isEmpty() ? List.of() : store.insert(c.id(), versions);
        List<StatusDetail> successes = new ArrayList<>(withheld);
        int added = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            String id = versions.get(i).stixId();
            switch (outcomes.get(i)) {
                case ObjectStore.Outcome.Added a -> {
                    successes.add(new StatusDetail(id, a.versionText(), null));
                    added++;
                }
                case ObjectStore.Outcome.Duplicate d ->
                        successes.add(new StatusDetail(id, d.versionText(), "already stored; kept once"));
                case ObjectStore.Outcome.Refused r -> failures.add(new StatusDetail(id, r.versionText(), r.reason()));
            }
        }
        PostStatus status = new PostStatus(UUID.randomUUID(), requested, successes, failures);
        jdbc.sql("""
                insert into intel_status (id, collection_id, institution_id, requested_by, request_timestamp, total_count,
                                          success_count, failure_count, successes, failures)
                values (:id, :c, :institution, :by, :at, :total, :ok, :failed, :successes, :failures)
                """).param("id", status.id()).param("c", c.id()).param("institution", actor.institutionId().value())
                .param("by", actor.auditName()).param("at", Timestamp.from(requested)).param("total", status.totalCount())
                .param("ok", successes.size()).param("failed", failures.size())
                .param("successes", detailsJson(successes)).param("failures", detailsJson(failures)).update();
        audit.record(actor, AuditEntry.success("intel.objects_added", "intel_collection", c.alias(), c.owner())
                .with("status", status.id().toString()).with("added", Integer.toString(added))
                .with("duplicates", Integer.toString(successes.size() - withheld.size() - added))
                .with("failures", Integer.toString(failures.size()))
                .with("recipients", String.join(" ", recipients))
                .with("submitterHidden", Boolean.toString(sharing.hideSubmitter())));
        if (added > 0) {
            events.publishEvent(new IntelObjectsAdded(c.id(), c.alias(), actor.institutionId(), added));
        }
        List<IndicatorShared> stored = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            IndicatorShared e = shared.get(i);
            if (e == null) continue;
            switch (outcomes.get(i)) {
                case ObjectStore.Outcome.Added a -> stored.add(e);
                case ObjectStore.Outcome.Duplicate d -> stored.add(e.kind() == IndicatorShared.Kind.DUPLICATE ? e
                        : new IndicatorShared(e.stixId(), e.patternSha256(), e.submitter(), e.collection(), e.tlp(), e.at(),
                        IndicatorShared.Kind.DUPLICATE, null, e.anonymous(), e.exposure()));
                case ObjectStore.Outcome.Refused r -> {
                    // Not stored, so not shared.
                }
            }
        }
        if (!stored.isEmpty()) {
            events.publishEvent(new IndicatorsShared(stored));
        }
        return status;
    }

    /**
     * For each version to store, the share it would be if stored ({@code null} for what is not a STIX indicator): a
     * pattern no community indicator here has yet is a first report; one another member already shared under another
     * id corroborates theirs; a pattern this member already shared, or a new version of the same indicator, or the
     * same pattern twice in one request is a duplicate.
     */
    private List<IndicatorShared> classify(InstitutionId submitter, IntelCollection c, List<StixObject> objects,
                                           List<ObjectStore.NewVersion> versions, boolean hidden, Instant at) {
        boolean exposureShare = objects.stream().anyMatch(o -> o.type().equals("vulnerability"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<IndicatorShared> out = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            StixObject o = objects.get(i);
            Optional<String> pattern = IndicatorFacts.stixPattern(o);
            if (pattern.isEmpty()) {
                out.add(null);
                continue;
            }
            String id = o.id().toString();
            IndicatorShared.Kind kind = IndicatorShared.Kind.FIRST_REPORT;
            String corroborates = null;
            if (!seen.add(pattern.get())) {
                kind = IndicatorShared.Kind.DUPLICATE;
            } else {
                List<ObjectStore.PatternCandidate> earlier = store.indicatorsWithPattern(c.id(), pattern.get());
                if (earlier.stream().anyMatch(e -> e.stixId().equals(id) || e.submitter().equals(submitter))) {
                    kind = IndicatorShared.Kind.DUPLICATE;
                } else if (!earlier.isEmpty()) {
                    kind = IndicatorShared.Kind.CORROBORATION;
                    corroborates = earlier.getFirst().stixId();
                }
            }
            out.add(new IndicatorShared(id, IndicatorFacts.patternSha256(pattern.get()), submitter, c.alias(),
                    versions.get(i).tlp(), at, kind, corroborates, hidden, exposureShare || IndicatorFacts.aboutExposure(o)));
        }
        return out;
    }

    /**
     * Deletes the versions of one object the filter selects. Only the submitting institution, or the hub, may
     * delete a version; versions the caller cannot see do not exist for it.
     */
    @Transactional
    public int delete(Actor actor, String collection, String stixId, ObjectFilter filter) {
        IntelCollection c = collection(actor, collection);
        requireVisible(actor, c, stixId);
        if (!c.canWrite()) {
            audit.recordDenied(actor, "intel.object.delete", "intel_object", stixId, null, "collection not writable");
            throw new AccessRefusedException("collection " + c.alias() + " is not writable with these credentials");
        }
        InstitutionId viewer = viewer(actor);
        List<ObjectStore.Row> selected = new ArrayList<>();
        Cursors.Position after = null;
        while (true) {
            List<ObjectStore.Row> rows = store.page(new ObjectStore.Query(c.id(), after, filter.addedAfter(), stixId,
                    List.of(), List.of(), filter.versions(), filter.specVersions(), viewer, 1000));
            selected.addAll(rows.subList(0, Math.min(rows.size(), 1000)));
            if (rows.size() <= 1000) {
                break;
            }
            ObjectStore.Row last = rows.get(999);
            after = new Cursors.Position(Cursors.micros(last.dateAdded()), last.seq());
        }
        if (viewer != null) {
            for (ObjectStore.Row row : selected) {
                if (!row.submitter().equals(viewer)) {
                    audit.recordDenied(actor, "intel.object.delete", "intel_object", stixId, row.submitter(),
                            "shared by another institution");
                    throw new AccessRefusedException("version " + row.versionText() + " of " + stixId
                            + " was shared by another institution; only its submitter or the hub may delete it");
                }
            }
        }
        int deleted = selected.isEmpty() ? 0 : store.delete(c.id(), stixId, selected.stream().map(ObjectStore.Row::seq).toList());
        audit.record(actor, AuditEntry.success("intel.object_deleted", "intel_object", stixId, c.owner())
                .with("collection", c.alias()).with("versions", Integer.toString(deleted)));
        return deleted;
    }

    /** A POST's status: only for the institution that posted it, and the hub. */
    public PostStatus status(Actor actor, String statusId) {
        requireIntel(actor);
        UUID id;
        try {
            id = UUID.fromString(statusId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("status", statusId);
        }
        record Row(String institution, Instant at, String successes, String failures) {
        }
        Optional<Row> row = jdbc.sql("select institution_id, request_timestamp, successes, failures from intel_status where id = :id")
                .param("id", id).query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4))).optional();
        if (row.isEmpty() || !actor.may(Permission.INTEL_READ, InstitutionId.of(row.get().institution()))) {
            audit.recordDenied(actor, "intel.status.read", "intel_status", statusId,
                    row.map(r -> InstitutionId.of(r.institution())).orElse(null), row.isEmpty() ? "no such status" : "other tenant");
            throw new NotFoundException("status", statusId);
        }
        return new PostStatus(id, row.get().at(), parseDetails(row.get().successes()), parseDetails(row.get().failures()));
    }

    private static String versionOf(StixObject object) {
        StixTimestamp t = object.common().modified() != null ? object.common().modified() : object.common().created();
        return t == null ? "" : t.text();
    }

    private static String idGuess(String json) {
        try {
            JsonNode id = JSON.readTree(json).get("id");
            return id != null && id.isString() ? id.stringValue() : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String detailsJson(List<StatusDetail> details) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (StatusDetail d : details) {
            var o = array.addObject().put("id", d.id()).put("version", d.version());
            if (d.message() != null) {
                o.put("message", d.message());
            }
        }
        return JSON.writeValueAsString(array);
    }

    private static List<StatusDetail> parseDetails(String json) {
        List<StatusDetail> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            JsonNode m = n.get("message");
            out.add(new StatusDetail(n.get("id").stringValue(), n.get("version").stringValue(),
                    m == null ? null : m.stringValue()));
        }
        return out;
    }
}
