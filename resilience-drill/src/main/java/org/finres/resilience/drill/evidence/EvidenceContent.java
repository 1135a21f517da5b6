package org.finres.resilience.drill.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything drill evidence says, without its signature: {@link #canonicalJson()} is what the signature covers
 * (UTF-8, keys sorted, no whitespace, durations ISO 8601, instants UTC ISO 8601). {@code workload} is null when the
 * plan had none.
 */
public record EvidenceContent(String planName, String planSha256, String institution, List<String> services,
        Tolerances tolerances, Instant startedAt, Instant endedAt, List<TimelineEntry> timeline,
        List<ProbeSummary> probes, Measurements measured, DrillOutcome outcome, WorkloadSummary workload) {

    public static final String FORMAT = "finres-drill-evidence/1";
    static final int MAX_TIMELINE = 200_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public EvidenceContent {
        EvidenceFields.require(planName != null && !planName.isBlank() && planName.length() <= 200, "plan.name",
                "a non-empty text of at most 200 characters", planName);
        EvidenceFields.require(planSha256 != null && EvidenceFields.HEX64.matcher(planSha256).matches(),
                "plan.sha256", "64 lower-case hex digits", planSha256);
        EvidenceFields.require(institution != null && EvidenceFields.INSTITUTION.matcher(institution).matches(),
                "institution", "a tenant slug (lower-case letters, digits and '-', at most 63)", institution);
        EvidenceFields.require(services != null && !services.isEmpty() && services.size() <= 100, "services",
                "1 to 100 register element ids", services == null ? null : services.size());
        for (String s : services) {
            EvidenceFields.require(s != null && EvidenceFields.ELEMENT.matcher(s).matches(), "services",
                    "register element ids", s);
        }
        EvidenceFields.require(tolerances != null, "tolerances", "present", null);
        EvidenceFields.require(startedAt != null, "startedAt", "an instant", null);
        EvidenceFields.require(endedAt != null && !endedAt.isBefore(startedAt), "endedAt",
                "an instant not before startedAt", endedAt);
        EvidenceFields.require(timeline != null && !timeline.isEmpty() && timeline.size() <= MAX_TIMELINE,
                "timeline", "1 to " + MAX_TIMELINE + " entries", timeline == null ? null : timeline.size());
        EvidenceFields.require(probes != null && probes.size() <= 1_000, "probes", "at most 1000 summaries",
                probes == null ? null : probes.size());
        EvidenceFields.require(measured != null, "measured", "present", null);
        EvidenceFields.require(outcome != null, "outcome", "present", null);
        services = List.copyOf(services);
        timeline = List.copyOf(timeline);
        probes = List.copyOf(probes);
    }

    /** The signed bytes. */
    public byte[] canonicalJson() {
        return JSON.writeValueAsBytes(toNode());
    }

    /** Keys are added in sorted order: Jackson keeps insertion order, so this is the canonical order. */
    ObjectNode toNode() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.put("endedAt", endedAt.toString());
        n.put("format", FORMAT);
        n.put("institution", institution);
        ObjectNode m = n.putObject("measured");
        duration(m, "dataLoss", measured.dataLoss());
        duration(m, "detection", measured.detection());
        duration(m, "recovery", measured.recovery());
        duration(m, "switchover", measured.switchover());
        ObjectNode o = n.putObject("outcome");
        switch (outcome) {
            case DrillOutcome.Passed p -> o.put("status", p.status());
            case DrillOutcome.Failed fl -> {
                ArrayNode b = o.putArray("breaches");
                for (Breach br : fl.breaches()) {
                    b.addObject().put("detail", br.detail()).put("tolerance", br.tolerance());
                }
                o.put("status", fl.status());
            }
            case DrillOutcome.Aborted a -> {
                o.put("reason", a.reason());
                o.put("status", a.status());
            }
        }
        n.putObject("plan").put("name", planName).put("sha256", planSha256);
        ArrayNode p = n.putArray("probes");
        for (ProbeSummary s : probes) {
            p.addObject().put("checks", s.checks()).put("failures", s.failures()).put("name", s.name());
        }
        ArrayNode sv = n.putArray("services");
        services.forEach(sv::add);
        n.put("startedAt", startedAt.toString());
        ArrayNode t = n.putArray("timeline");
        timeline.forEach(e -> t.add(e.toNode()));
        ObjectNode tol = n.putObject("tolerances");
        duration(tol, "maxTolerableDowntime", tolerances.maxTolerableDowntime());
        duration(tol, "rpo", tolerances.rpo());
        duration(tol, "rto", tolerances.rto());
        if (workload == null) {
            n.putNull("workload");
        } else {
            ObjectNode w = n.putObject("workload");
            w.put("acknowledged", workload.acknowledged());
            w.put("found", workload.found());
            ArrayNode lost = w.putArray("lost");
            workload.lost().forEach(lost::add);
        }
        return n;
    }

    private static void duration(ObjectNode n, String key, Duration d) {
        if (d == null) {
            n.putNull(key);
        } else {
            n.put(key, d.toString());
        }
    }
}
