package org.finres.intel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.intel.internal.HubIdentities;
import org.finres.intel.internal.IndicatorFacts;
import org.finres.intel.internal.Markings;
import org.finres.intel.internal.ObjectStore;
import org.finres.intel.internal.SubmitterMasking;
import org.finres.stix.StixBundle;
import org.finres.stix.StixBundleReader;
import org.finres.stix.StixObjectBuilder;
import org.finres.stix.StixValidator;
import org.finres.stix.Tlp;
import org.finres.stix.ValidationProblem;
import org.finres.stix.convert.Conversion;
import org.finres.stix.convert.ConversionProblem;
import org.finres.stix.convert.ConversionRefusedException;
import org.finres.stix.convert.CsvIndicators;
import org.finres.stix.convert.MispEvents;
import org.finres.stix.model.StixFormatException;
import org.finres.stix.model.StixObject;
import org.finres.stix.model.StixTimestamp;
import org.finres.stix.pattern.PatternParser;
import org.finres.stix.pattern.PatternSyntaxException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Members share intelligence as a STIX bundle, a CSV of indicators or a MISP export: the upload is converted,
 * every object validated (patterns parsed), the submitter masked when it asked to be anonymous, each object
 * routed to the sector collection its TLP allows (or the one asked for), and stored. Same id and version is a
 * duplicate; an indicator pattern already shared by another member into that collection is a corroboration of
 * theirs rather than a second object. The true submitter is kept for the hub and the submitter only.
 */
@Service
public class IntelSharing {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ThreatIntel intel;
    private final ObjectStore store;
    private final Institutions institutions;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final StixValidator validator = new StixValidator();

    IntelSharing(ThreatIntel intel, ObjectStore store, Institutions institutions, AuditTrail audit, JdbcClient jdbc,
                 ApplicationEventPublisher events, Clock clock) {
        this.intel = intel;
        this.store = store;
        this.institutions = institutions;
        this.audit = audit;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The sector collection an object of this TLP is republished to when the submitter names none. */
    public static String collectionFor(Tlp tlp) {
        return switch (tlp) {
            case CLEAR -> "sector-clear";
            case GREEN -> "sector-green";
            // AMBER+STRICT and RED are stored recipients-only wherever they go; sector-amber is their home.
            case AMBER, AMBER_STRICT, RED -> "sector-amber";
        };
    }

    private record Candidate(StixObject object, Tlp tlp, IntelCollection collection, String location) {
    }

    @Transactional
    public ShareSummary share(Actor actor, ShareRequest request) {
        intel.requireIntel(actor);
        if (!actor.holds(Permission.INTEL_WRITE)) {
            audit.recordDenied(actor, "intel.share", "intel_share", null, null, "missing permission INTEL_WRITE");
            throw new AccessRefusedException("sharing needs a token or role with the INTEL_WRITE permission (token scope intel:write)");
        }
        InstitutionId submitter = actor.institutionId();
        Instant now = clock.instant();
        List<ShareSummary.Rejection> rejected = new ArrayList<>();
        List<StixObject> objects = decode(request, rejected);

        List<ShareSummary.ObjectOutcome> outcomes = new ArrayList<>();
        List<StixObject> withheld = List.of();
        if (request.attribution() == Attribution.ANONYMOUS) {
            SubmitterMasking.Masked masked = SubmitterMasking.mask(objects, HubIdentities.ANONYMOUS);
            objects = new ArrayList<>(masked.published());
            withheld = masked.withheld();
            if (!objects.isEmpty()) objects.add(HubIdentities.anonymous());
        } else if (request.format() != ShareFormat.STIX && !objects.isEmpty()) {
            // Converted objects have no creator yet: a named share names the institution as theirs.
            String name = institutions.find(submitter).map(i -> i.name()).orElse(submitter.value());
            List<StixObject> named = new ArrayList<>();
            for (StixObject o : objects) {
                boolean sdo = o.json().tree().has("created") && !o.type().equals("marking-definition");
                named.add(sdo ? StixObjectBuilder.from(o).set("created_by_ref", HubIdentities.institutionId(submitter).toString()).build() : o);
            }
            named.add(HubIdentities.institution(submitter, name));
            objects = named;
        }

        Map<String, IntelCollection> collections = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        List<StixObject> tlpDefinitions = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            StixObject o = objects.get(i);
            if (o.type().equals("marking-definition") && Tlp.ofId(o.id()).isPresent()) {
                tlpDefinitions.add(o);
                continue;
            }
            Tlp tlp = Markings.tlpOf(o, request.tlp());
            String alias = request.collection() != null ? request.collection() : collectionFor(tlp);
            IntelCollection c = collections.computeIfAbsent(alias, a -> writable(actor, a));
            candidates.add(new Candidate(o, tlp, c, o.id().toString()));
        }
        for (StixObject w : withheld) {
            outcomes.add(new ShareSummary.ObjectOutcome(w.id().toString(), w.type(), null, null, ShareSummary.Outcome.WITHHELD,
                    "names the submitter; left out of an anonymous share"));
        }

        UUID shareId = UUID.randomUUID();
        List<String> recipients = request.recipients().stream().map(InstitutionId::value).distinct().toList();
        boolean hidden = request.attribution() == Attribution.ANONYMOUS;
        Map<UUID, Integer> addedPer = new LinkedHashMap<>();
        List<String[]> corroborations = new ArrayList<>();
        List<IndicatorShared> shared = new ArrayList<>();
        boolean exposureShare = candidates.stream().anyMatch(cand -> cand.object().type().equals("vulnerability"));
        // Group by collection so each collection's writer lock is taken once, and in one order (by id) for every
        // share, so that two shares spanning the same collections never wait on each other's locks crosswise.
        Map<IntelCollection, List<Candidate>> byCollection = candidates.stream()
                .collect(Collectors.groupingBy(Candidate::collection,
                        () -> new java.util.TreeMap<>(java.util.Comparator.comparing(IntelCollection::id)), Collectors.toList()));
        for (var entry : byCollection.entrySet()) {
            IntelCollection c = entry.getKey();
            List<ObjectStore.NewVersion> versions = new ArrayList<>();
            List<Candidate> stored = new ArrayList<>();
            Set<String> patternsInUpload = new HashSet<>();
            for (Candidate cand : entry.getValue()) {
                Optional<String> pattern = IndicatorFacts.stixPattern(cand.object());
                if (pattern.isPresent()) {
                    if (!patternsInUpload.add(pattern.get())) {
                        outcomes.add(outcome(cand, ShareSummary.Outcome.DUPLICATE, "the same pattern appears earlier in this upload"));
                        shared.add(sharedEvent(cand, pattern.get(), submitter, now, IndicatorShared.Kind.DUPLICATE, null, hidden, exposureShare));
                        continue;
                    }
                    Optional<ObjectStore.PatternCandidate> earlier = sharedBefore(c, pattern.get(), cand);
                    if (earlier.isPresent()) {
                        ObjectStore.PatternCandidate e = earlier.get();
                        if (e.submitter().equals(submitter)) {
                            outcomes.add(outcome(cand, ShareSummary.Outcome.DUPLICATE,
                                    "your institution already shared this pattern as " + e.stixId()));
                            shared.add(sharedEvent(cand, pattern.get(), submitter, now, IndicatorShared.Kind.DUPLICATE, null, hidden, exposureShare));
                        } else if (alreadyCorroborated(c, e.stixId(), submitter)) {
                            outcomes.add(outcome(cand, ShareSummary.Outcome.DUPLICATE,
                                    "your institution already corroborated " + e.stixId()));
                            shared.add(sharedEvent(cand, pattern.get(), submitter, now, IndicatorShared.Kind.DUPLICATE, null, hidden, exposureShare));
                        } else {
                            outcomes.add(outcome(cand, ShareSummary.Outcome.CORROBORATION, e.stixId()));
                            corroborations.add(new String[] {c.id().toString(), e.stixId()});
                            shared.add(sharedEvent(cand, pattern.get(), submitter, now, IndicatorShared.Kind.CORROBORATION,
                                    e.stixId(), hidden, exposureShare));
                        }
                        continue;
                    }
                }
                versions.add(newVersion(cand, c, recipients, submitter, hidden, actor.auditName()));
                stored.add(cand);
            }
            if (stored.isEmpty()) {
                continue;
            }
            // The TLP definitions travel with the objects that use them into each collection (not counted).
            List<ObjectStore.NewVersion> withDefinitions = new ArrayList<>();
            for (StixObject d : tlpDefinitions) {
                withDefinitions.add(newVersion(new Candidate(d, Tlp.CLEAR, c, d.id().toString()), c, List.of(), submitter,
                        hidden, actor.auditName()));
            }
            withDefinitions.addAll(versions);
            List<ObjectStore.Outcome> results = store.insert(c.id(), withDefinitions);
            results = results.subList(tlpDefinitions.size(), results.size());
            int added = 0;
            for (int i = 0; i < results.size(); i++) {
                Candidate cand = stored.get(i);
                Optional<String> pattern = IndicatorFacts.stixPattern(cand.object());
                switch (results.get(i)) {
                    case ObjectStore.Outcome.Added a -> {
                        outcomes.add(outcome(cand, ShareSummary.Outcome.ACCEPTED, null));
                        added++;
                        pattern.ifPresent(p -> shared.add(sharedEvent(cand, p, submitter, now, IndicatorShared.Kind.FIRST_REPORT,
                                null, hidden, exposureShare)));
                    }
                    case ObjectStore.Outcome.Duplicate d -> {
                        outcomes.add(outcome(cand, ShareSummary.Outcome.DUPLICATE,
                                "version " + d.versionText() + " is already stored"));
                        pattern.ifPresent(p -> shared.add(sharedEvent(cand, p, submitter, now, IndicatorShared.Kind.DUPLICATE,
                                null, hidden, exposureShare)));
                    }
                    case ObjectStore.Outcome.Refused r -> rejected.add(new ShareSummary.Rejection(cand.location(),
                            cand.object().id().toString(), r.reason()));
                }
            }
            if (added > 0) addedPer.put(c.id(), added);
        }

        int accepted = count(outcomes, ShareSummary.Outcome.ACCEPTED);
        int duplicates = count(outcomes, ShareSummary.Outcome.DUPLICATE);
        int corroborated = count(outcomes, ShareSummary.Outcome.CORROBORATION);
        int withheldCount = count(outcomes, ShareSummary.Outcome.WITHHELD);
        ShareSummary summary = new ShareSummary(shareId, now, submitter, actor.auditName(), request.format(),
                request.attribution(), request.tlp(), request.fileName(), accepted, duplicates, corroborated, withheldCount,
                rejected.size(), first(outcomes), first(rejected));
        jdbc.sql("""
                insert into intel_share (id, institution_id, submitted_by, submitted_at, format, attribution, tlp, collection,
                                         recipients, file_name, accepted, duplicates, corroborations, withheld, rejected,
                                         objects, rejections)
                values (:id, :institution, :by, :at, :format, :attribution, :tlp, :collection, :recipients, :file, :accepted,
                        :duplicates, :corroborations, :withheld, :rejected, :objects, :rejections)
                """).param("id", shareId).param("institution", submitter.value()).param("by", actor.auditName())
                .param("at", Timestamp.from(now)).param("format", request.format().code())
                .param("attribution", request.attribution().code()).param("tlp", request.tlp().name())
                .param("collection", request.collection()).param("recipients", recipients.toArray(String[]::new))
                .param("file", request.fileName()).param("accepted", accepted).param("duplicates", duplicates)
                .param("corroborations", corroborated).param("withheld", withheldCount).param("rejected", rejected.size())
                .param("objects", outcomesJson(summary.objects())).param("rejections", rejectionsJson(summary.rejected())).update();
        for (String[] c : corroborations) {
            jdbc.sql("""
                    insert into intel_corroboration (collection_id, stix_id, institution_id, share_id, corroborated_at)
                    values (:c, :id, :institution, :share, :at) on conflict do nothing
                    """).param("c", UUID.fromString(c[0])).param("id", c[1]).param("institution", submitter.value())
                    .param("share", shareId).param("at", Timestamp.from(now)).update();
        }
        audit.record(actor, AuditEntry.success("intel.shared", "intel_share", shareId.toString(), submitter)
                .with("format", request.format().code()).with("attribution", request.attribution().code())
                .with("tlp", request.tlp().name()).with("accepted", Integer.toString(accepted))
                .with("duplicates", Integer.toString(duplicates)).with("corroborations", Integer.toString(corroborated))
                .with("rejected", Integer.toString(rejected.size())).with("recipients", String.join(" ", recipients)));
        for (var e : addedPer.entrySet()) {
            String alias = collections.values().stream().filter(c -> c.id().equals(e.getKey())).findFirst().map(IntelCollection::alias).orElse("");
            events.publishEvent(new IntelObjectsAdded(e.getKey(), alias, submitter, e.getValue()));
        }
        if (!shared.isEmpty()) {
            events.publishEvent(new IndicatorsShared(shared));
        }
        return summary;
    }

    private static IndicatorShared sharedEvent(Candidate cand, String pattern, InstitutionId submitter, Instant at,
                                               IndicatorShared.Kind kind, String corroborates, boolean hidden,
                                               boolean exposureShare) {
        return new IndicatorShared(cand.object().id().toString(), IndicatorFacts.patternSha256(pattern), submitter,
                cand.collection().alias(), cand.tlp(), at, kind, corroborates, hidden,
                exposureShare || IndicatorFacts.aboutExposure(cand.object()));
    }

    private static <T> List<T> first(List<T> all) {
        return all.size() > ShareSummary.LISTED ? all.subList(0, ShareSummary.LISTED) : all;
    }

    private IntelCollection writable(Actor actor, String alias) {
        IntelCollection c = intel.collection(actor, alias);
        if (!c.canWrite()) {
            audit.recordDenied(actor, "intel.share", "intel_collection", c.alias(), null, "collection not writable");
            throw new AccessRefusedException("collection " + c.alias() + " is not writable with these credentials");
        }
        return c;
    }

    /** The upload as STIX objects that validate; everything else is a rejection naming where it was. */
    private List<StixObject> decode(ShareRequest request, List<ShareSummary.Rejection> rejected) {
        List<StixObject> out = new ArrayList<>();
        switch (request.format()) {
            case STIX -> {
                StixBundle bundle;
                try {
                    bundle = StixBundleReader.read(request.content());
                } catch (StixFormatException e) {
                    throw new InvalidInputException("content", "is not a STIX 2.1 bundle or object: " + e.getMessage());
                }
                for (int i = 0; i < bundle.objects().size(); i++) {
                    StixObject o = bundle.objects().get(i);
                    String location = bundle.isLoneObject() ? "$" : "$.objects[" + i + "]";
                    List<String> problems = validator.validate(o).stream().limit(5).map(ValidationProblem::toString)
                            .collect(Collectors.toCollection(ArrayList::new));
                    if (problems.isEmpty()) patternProblem(o).ifPresent(problems::add);
                    if (problems.isEmpty()) out.add(o);
                    else rejected.add(new ShareSummary.Rejection(location, o.id().toString(), String.join("; ", problems)));
                }
            }
            case CSV, MISP -> {
                String text = utf8(request.content());
                Conversion conversion;
                try {
                    conversion = request.format() == ShareFormat.CSV ? CsvIndicators.decode(text, request.tlp())
                            : MispEvents.decode(text, request.tlp());
                } catch (ConversionRefusedException e) {
                    throw new InvalidInputException("content", "is not a " + (request.format() == ShareFormat.CSV
                            ? "CSV of indicators" : "MISP JSON export") + ": " + e.getMessage());
                }
                for (ConversionProblem p : conversion.problems()) {
                    rejected.add(new ShareSummary.Rejection(p.location(), null, p.message()));
                }
                out.addAll(conversion.bundle().objects());
            }
        }
        return out;
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("content", "is not UTF-8 text");
        }
    }

    private static Optional<String> patternProblem(StixObject o) {
        Optional<String> pattern = IndicatorFacts.stixPattern(o);
        if (pattern.isEmpty()) return Optional.empty();
        try {
            PatternParser.parse(pattern.get());
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("$.pattern: " + e.getMessage());
        }
    }

    /**
     * An earlier community indicator with exactly this pattern, no stricter than the new one (so counting the new
     * one as a corroboration never hides it from anyone who would have seen it), under another id.
     */
    private Optional<ObjectStore.PatternCandidate> sharedBefore(IntelCollection c, String pattern, Candidate cand) {
        for (ObjectStore.PatternCandidate e : store.indicatorsWithPattern(c.id(), pattern)) {
            if (e.stixId().equals(cand.object().id().toString()) || e.tlp().compareTo(cand.tlp()) > 0) continue;
            JsonNode p = JSON.readTree(e.body()).get("pattern");
            if (p != null && p.isString() && p.stringValue().equals(pattern)) return Optional.of(e);
        }
        return Optional.empty();
    }

    private boolean alreadyCorroborated(IntelCollection c, String stixId, InstitutionId institution) {
        return jdbc.sql("select exists (select 1 from intel_corroboration where collection_id = :c and stix_id = :id and institution_id = :i)")
                .param("c", c.id()).param("id", stixId).param("i", institution.value()).query(Boolean.class).single();
    }

    private static ObjectStore.NewVersion newVersion(Candidate cand, IntelCollection c, List<String> recipients,
                                                     InstitutionId submitter, boolean hidden, String by) {
        StixObject object = cand.object();
        StixTimestamp modified = object.common().modified();
        StixTimestamp created = object.common().created();
        StixTimestamp version = modified != null ? modified : created;
        List<String> audience = c.kind() == CollectionKind.INBOX ? List.of(c.owner().value()) : recipients;
        return new ObjectStore.NewVersion(object.id().toString(), object.type(),
                object.common().specVersion() == null ? "2.1" : object.common().specVersion(),
                created == null ? null : created.instant(), modified == null ? null : modified.instant(),
                version == null ? null : version.instant(), version == null ? null : version.text(),
                Boolean.TRUE.equals(object.common().revoked()), cand.tlp(),
                c.kind() == CollectionKind.INBOX || Markings.recipientsOnly(cand.tlp()) || !audience.isEmpty(),
                audience, submitter, hidden, by, object.json().text());
    }

    private static ShareSummary.ObjectOutcome outcome(Candidate c, ShareSummary.Outcome outcome, String detail) {
        return new ShareSummary.ObjectOutcome(c.object().id().toString(), c.object().type(), c.collection().alias(), c.tlp(),
                outcome, detail);
    }

    private static int count(List<ShareSummary.ObjectOutcome> outcomes, ShareSummary.Outcome kind) {
        return (int) outcomes.stream().filter(o -> o.outcome() == kind).count();
    }

    // ---- the submitter's own list ----------------------------------------------------------------------------

    /** The caller's institution's uploads, newest first; the hub sees every institution's. */
    public List<ShareSummary> submissions(Actor actor, int limit) {
        intel.requireIntel(actor);
        boolean hub = actor.grants().get(Permission.INTEL_READ) == Permission.Reach.ALL;
        String where = hub ? "" : "where institution_id = :institution";
        // The list shows counts only: the per-object outcomes are read when one submission is opened.
        var statement = jdbc.sql("select id, institution_id, submitted_by, submitted_at, format, attribution, tlp, file_name, "
                        + "accepted, duplicates, corroborations, withheld, rejected, '[]' as objects, '[]' as rejections "
                        + "from intel_share " + where + " order by submitted_at desc, id limit :limit")
                .param("limit", Math.max(1, Math.min(limit, 500)));
        if (!hub) statement = statement.param("institution", actor.institutionId().value());
        return statement.query((rs, n) -> map(rs)).list();
    }

    /** One upload's summary; not found for any other institution than the submitter's (and the hub). */
    public ShareSummary submission(Actor actor, String id) {
        intel.requireIntel(actor);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("share", id);
        }
        Optional<ShareSummary> found = jdbc.sql("select * from intel_share where id = :id").param("id", uuid)
                .query((rs, n) -> map(rs)).optional();
        if (found.isEmpty() || !actor.may(Permission.INTEL_READ, found.get().institution())) {
            audit.recordDenied(actor, "intel.share.read", "intel_share", id,
                    found.map(ShareSummary::institution).orElse(null), found.isEmpty() ? "no such share" : "other tenant");
            throw new NotFoundException("share", id);
        }
        return found.get();
    }

    private static ShareSummary map(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<ShareSummary.ObjectOutcome> objects = new ArrayList<>();
        for (JsonNode n : JSON.readTree(rs.getString("objects"))) {
            objects.add(new ShareSummary.ObjectOutcome(n.get("id").stringValue(), n.get("type").stringValue(),
                    textOrNull(n.get("collection")), n.hasNonNull("tlp") ? Tlp.valueOf(n.get("tlp").stringValue()) : null,
                    ShareSummary.Outcome.valueOf(n.get("outcome").stringValue()), textOrNull(n.get("detail"))));
        }
        List<ShareSummary.Rejection> rejections = new ArrayList<>();
        for (JsonNode n : JSON.readTree(rs.getString("rejections"))) {
            rejections.add(new ShareSummary.Rejection(n.get("location").stringValue(), textOrNull(n.get("id")),
                    n.get("reason").stringValue()));
        }
        return new ShareSummary(rs.getObject("id", UUID.class), rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
                InstitutionId.of(rs.getString("institution_id")), rs.getString("submitted_by"),
                ShareFormat.of(rs.getString("format")).orElseThrow(), Attribution.of(rs.getString("attribution")).orElseThrow(),
                Tlp.valueOf(rs.getString("tlp")), rs.getString("file_name"), rs.getInt("accepted"), rs.getInt("duplicates"),
                rs.getInt("corroborations"), rs.getInt("withheld"), rs.getInt("rejected"), objects, rejections);
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.stringValue();
    }

    private static String outcomesJson(List<ShareSummary.ObjectOutcome> outcomes) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (ShareSummary.ObjectOutcome o : outcomes) {
            a.addObject().put("id", o.id()).put("type", o.type()).put("collection", o.collection())
                    .put("tlp", o.tlp() == null ? null : o.tlp().name()).put("outcome", o.outcome().name()).put("detail", o.detail());
        }
        return JSON.writeValueAsString(a);
    }

    private static String rejectionsJson(List<ShareSummary.Rejection> rejections) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (ShareSummary.Rejection r : rejections) {
            a.addObject().put("location", r.location()).put("id", r.id()).put("reason", r.reason());
        }
        return JSON.writeValueAsString(a);
    }
}
