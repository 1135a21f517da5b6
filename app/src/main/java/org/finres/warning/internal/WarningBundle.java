package org.finres.warning.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.attack.NamedTechnique;
import org.finres.core.InstitutionId;
import org.finres.stix.StixObjectBuilder;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import org.finres.stix.pattern.PatternParser;
import org.finres.stix.attack.TechniqueId;
import org.finres.warning.WarningDraft;
import org.finres.warning.WarningIndicator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A warning as STIX 2.1, in the TAXII envelope the hub posts to its hub-warnings collection: a report (the warning)
 * referring to one indicator per observable, the protection advice as a course-of-action that mitigates them, and
 * the hub's identity as their creator; ATT&CK techniques as the report's external references, the way MITRE's own
 * objects cite them. Every id derives from the warning's id, so publishing the same warning twice stores it once.
 */
public final class WarningBundle {

    /** The hub as a STIX identity: the creator of everything the hub itself publishes. */
    public static final StixId HUB_IDENTITY = StixId.of("identity", UUID.fromString("7d3c2b10-5a4e-4f6b-9c8d-0e1f2a3b4c5d"));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IDENTITY_CREATED = "2026-01-01T00:00:00.000Z";

    public record Published(String reportId, byte[] envelope) {
    }

    private WarningBundle() {
    }

    /**
     * @param recipients named recipients, for a warning that must reach only them (exposed members, or a TLP that
     *                   forbids the community); empty: the collection's community
     */
    public static Published of(UUID warning, WarningDraft draft, Instant issuedAt,
                               Map<TechniqueId, NamedTechnique> named, List<InstitutionId> recipients) {
        List<StixObject> objects = new ArrayList<>();
        String marking = draft.tlp().id().toString();
        // Fixed times: every warning carries the same version of the hub's identity, stored once.
        objects.add(StixObjectBuilder.of("identity").id(HUB_IDENTITY).set("created", IDENTITY_CREATED)
                .set("modified", IDENTITY_CREATED)
                .set("name", "FinRes sector hub (F-ISAC)").set("identity_class", "organization")
                .set("sectors", List.of("financial-services")).build());
        List<String> refs = new ArrayList<>();
        List<String> indicatorIds = new ArrayList<>();
        for (WarningIndicator i : draft.indicators()) {
            String pattern = i.stixPattern();
            PatternParser.parse(pattern); // a pattern we wrote that does not parse is our bug, never published
            StixId id = derived("indicator", warning, i.type() + " " + i.value());
            objects.add(sdo("indicator", id, issuedAt, marking).set("name", i.type() + " " + i.value())
                    .set("indicator_types", List.of("malicious-activity")).set("pattern", pattern)
                    .set("pattern_type", "stix").set("valid_from", issuedAt).build());
            refs.add(id.toString());
            indicatorIds.add(id.toString());
        }
        if (draft.advice() != null && !draft.advice().isBlank()) {
            StixId coa = derived("course-of-action", warning, "advice");
            objects.add(sdo("course-of-action", coa, issuedAt, marking)
                    .set("name", "Protection advice: " + draft.title()).set("description", draft.advice()).build());
            refs.add(coa.toString());
            for (String indicator : indicatorIds) {
                StixId rel = derived("relationship", warning, "mitigates " + indicator);
                objects.add(sdo("relationship", rel, issuedAt, marking).set("relationship_type", "mitigates")
                        .set("source_ref", coa.toString()).set("target_ref", indicator).build());
                refs.add(rel.toString());
            }
        }
        if (refs.isEmpty()) {
            refs.add(HUB_IDENTITY.toString()); // a report needs at least one reference
        }
        StixId report = derived("report", warning, "report");
        StixObjectBuilder r = sdo("report", report, issuedAt, marking).set("name", draft.title())
                .set("report_types", List.of("threat-report")).set("published", issuedAt).set("object_refs", refs)
                .set("labels", List.of("finres-early-warning", "severity-" + draft.severity().code()));
        if (draft.description() != null && !draft.description().isBlank()) {
            r.set("description", draft.description());
        }
        if (!draft.techniques().isEmpty()) {
            ArrayNode external = JSON.createArrayNode();
            for (TechniqueId t : draft.techniques()) {
                ObjectNode ref = external.addObject().put("source_name", "mitre-attack").put("external_id", t.value());
                NamedTechnique n = named.get(t);
                if (n != null && n.url() != null) {
                    ref.put("url", n.url());
                }
                if (n != null) {
                    ref.put("description", n.displayName());
                }
            }
            r.set("external_references", external);
        }
        objects.add(r.build());

        ObjectNode envelope = JSON.createObjectNode();
        ArrayNode array = envelope.putArray("objects");
        for (StixObject o : objects) {
            array.add(JSON.readTree(o.json().text()));
        }
        if (!recipients.isEmpty()) {
            ArrayNode named2 = envelope.putArray("x_finres_recipients");
            recipients.forEach(i -> named2.add(i.value()));
        }
        return new Published(report.toString(), JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8));
    }

    private static StixObjectBuilder sdo(String type, StixId id, Instant at, String marking) {
        return StixObjectBuilder.of(type).id(id).set("created_by_ref", HUB_IDENTITY.toString()).set("created", at)
                .set("modified", at).set("object_marking_refs", List.of(marking));
    }

    private static StixId derived(String type, UUID warning, String name) {
        return StixId.of(type, UUID.nameUUIDFromBytes((warning + " " + type + " " + name).getBytes(StandardCharsets.UTF_8)));
    }
}
