package org.finres.resilience.drill.evidence;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.finres.vault.engine.SignatureRefusedException;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.signing.SigningPublicKey;
import org.finres.vault.engine.signing.VaultSignature;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signed drill evidence ({@value EvidenceContent#FORMAT}): the {@link EvidenceContent}, the public key that signed
 * it and the signature over its canonical JSON under the context {@value #CONTEXT}. The wire form is the content's
 * fields plus {@code signer} and {@code signature} (base64 of the vault signing encodings) in one JSON object; the
 * signature is checked over the canonical bytes of the values read, so spacing and key order do not matter. The
 * format is described in EVIDENCE.md.
 */
public record DrillEvidence(EvidenceContent content, SigningPublicKey signer, VaultSignature signature) {

    public static final String CONTEXT = EvidenceContent.FORMAT;
    /** Far above a real drill's evidence (a few hundred KiB); bounds what a client can make the hub parse. */
    public static final int MAX_JSON_BYTES = 32 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> TOP = Set.of("format", "plan", "institution", "services", "tolerances",
            "startedAt", "endedAt", "timeline", "probes", "measured", "outcome", "workload", "signer", "signature");

    public DrillEvidence {
        if (content == null || signer == null || signature == null) {
            throw new MalformedEvidenceException("drill evidence has content, a signer and a signature");
        }
    }

    public static DrillEvidence sign(EvidenceContent content, SigningKeyPair key) {
        return new DrillEvidence(content, key.publicKey(), key.sign(CONTEXT, content.canonicalJson()));
    }

    public DrillOutcome outcome() {
        return content.outcome();
    }

    public Measurements measured() {
        return content.measured();
    }

    public List<TimelineEntry> timeline() {
        return content.timeline();
    }

    /**
     * Checks, in this order, the timeline's hash chain (each entry's seq, prev and hash), that the evidence names
     * {@code expected} as its signer, and the signature over the canonical content; the answer names the first
     * failure.
     */
    public EvidenceVerification verify(SigningPublicKey expected) {
        EvidenceVerification chain = verifyChain();
        if (chain != null) {
            return chain;
        }
        if (!signer.equals(expected)) {
            return new EvidenceVerification.WrongSigner(expected.fingerprintHex(), signer.fingerprintHex());
        }
        boolean verifies;
        try {
            verifies = signer.verifies(CONTEXT, content.canonicalJson(), signature);
        } catch (RuntimeException e) {
            // Bouncy Castle refuses 32 bytes that are not a point on the curve; that is a signer no one can be.
            return new EvidenceVerification.BadSignature("the signer's key is not a valid public key ("
                    + e.getMessage() + ")");
        }
        if (!verifies) {
            return new EvidenceVerification.BadSignature("a value of the evidence was changed after it was signed ("
                    + (signature.hasMlDsa65() != signer.hasMlDsa65() ? "or a signature part is missing" : "plan, "
                            + "outcome, measurements, workload or timeline") + ")");
        }
        return new EvidenceVerification.Valid(signer.fingerprintHex());
    }

    /** The first broken link of the timeline, or null when the chain holds. */
    private EvidenceVerification verifyChain() {
        List<TimelineEntry> t = content.timeline();
        String prev = TimelineEntry.GENESIS;
        for (int i = 0; i < t.size(); i++) {
            TimelineEntry e = t.get(i);
            if (e.seq() != i) {
                return new EvidenceVerification.BrokenLink(i, "entry says seq " + e.seq() + " where " + i
                        + " was expected (an entry was dropped, added or moved)");
            }
            if (!e.prev().equals(prev)) {
                return new EvidenceVerification.BrokenLink(i, "its prev hash is not the hash of entry " + (i - 1)
                        + (i == 0 ? " (the first entry's prev is 64 zeros)" : " (an entry before it was changed "
                                + "or dropped)"));
            }
            if (!e.hashMatches()) {
                return new EvidenceVerification.BrokenLink(i, "its hash does not match its content (the entry "
                        + "was changed)");
            }
            prev = e.hash();
        }
        return null;
    }

    public byte[] toJson() {
        ObjectNode n = content.toNode();
        n.put("signature", Base64.getEncoder().encodeToString(signature.encode()));
        n.put("signer", Base64.getEncoder().encodeToString(signer.encode()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    }

    /**
     * Reads the wire form strictly: unknown, missing or duplicate fields, wrong types and malformed keys or
     * signatures are refused with the field named. Neither the chain nor the signature is checked here; call
     * {@link #verify}.
     *
     * @throws MalformedEvidenceException for anything that is not well-formed evidence (and nothing else)
     */
    public static DrillEvidence parse(byte[] json) {
        if (json == null || json.length > MAX_JSON_BYTES) {
            throw new MalformedEvidenceException("drill evidence is a JSON object of at most " + MAX_JSON_BYTES
                    + " bytes" + (json == null ? "" : ", this has " + json.length));
        }
        try {
            return read(json);
        } catch (MalformedEvidenceException e) {
            throw e;
        } catch (JacksonException e) {
            String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            int cut = m.indexOf('\n');
            throw new MalformedEvidenceException("drill evidence is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")") + ": "
                    + (cut > 0 ? m.substring(0, cut) : m));
        } catch (SignatureRefusedException e) {
            throw new MalformedEvidenceException("drill evidence signer or signature: " + e.getMessage());
        } catch (RuntimeException e) {
            // Defence in depth: whatever slipped past the checks above still surfaces as the one documented type.
            throw new MalformedEvidenceException("drill evidence is not readable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + EvidenceFields.shorten(e.getMessage())));
        }
    }

    public static DrillEvidence parse(String json) {
        return parse(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static DrillEvidence read(byte[] json) {
        JsonNode root = JSON.readTree(json);
        Map<String, JsonNode> top = fields(root, "drill evidence", TOP, Set.of());
        String format = text(top, "format");
        if (!format.equals(EvidenceContent.FORMAT)) {
            throw new MalformedEvidenceException("drill evidence format must be " + EvidenceContent.FORMAT
                    + ", found " + EvidenceFields.shorten(format));
        }
        Map<String, JsonNode> plan = fields(top.get("plan"), "plan", Set.of("name", "sha256"), Set.of());
        Map<String, JsonNode> tol = fields(top.get("tolerances"), "tolerances",
                Set.of("maxTolerableDowntime", "rto", "rpo"), Set.of());
        Map<String, JsonNode> m = fields(top.get("measured"), "measured",
                Set.of("detection", "switchover", "recovery", "dataLoss"), Set.of());
        List<String> services = new ArrayList<>();
        for (JsonNode s : list(top.get("services"), "services")) {
            services.add(string(s, "services[]"));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (JsonNode e : list(top.get("timeline"), "timeline")) {
            Map<String, JsonNode> f = fields(e, "timeline entry " + timeline.size(),
                    Set.of("seq", "at", "kind", "detail", "prev", "hash"), Set.of());
            timeline.add(new TimelineEntry(count(f.get("seq"), "timeline seq"), instant(f, "at"),
                    EntryKind.fromWire(text(f, "kind")), text(f, "detail"), text(f, "prev"), text(f, "hash")));
        }
        List<ProbeSummary> probes = new ArrayList<>();
        for (JsonNode p : list(top.get("probes"), "probes")) {
            Map<String, JsonNode> f = fields(p, "probe summary", Set.of("name", "checks", "failures"), Set.of());
            probes.add(new ProbeSummary(text(f, "name"), count(f.get("checks"), "probe checks"),
                    count(f.get("failures"), "probe failures")));
        }
        WorkloadSummary workload = null;
        if (!top.get("workload").isNull()) {
            Map<String, JsonNode> w = fields(top.get("workload"), "workload", Set.of("acknowledged", "found", "lost"),
                    Set.of());
            List<String> lost = new ArrayList<>();
            for (JsonNode id : list(w.get("lost"), "workload lost")) {
                lost.add(string(id, "workload lost[]"));
            }
            workload = new WorkloadSummary(count(w.get("acknowledged"), "workload acknowledged"),
                    count(w.get("found"), "workload found"), lost);
        }
        EvidenceContent content = new EvidenceContent(text(plan, "name"), text(plan, "sha256"),
                text(top, "institution"), services,
                new Tolerances(duration(tol, "maxTolerableDowntime"), duration(tol, "rto"), duration(tol, "rpo")),
                instant(top, "startedAt"), instant(top, "endedAt"), timeline, probes,
                new Measurements(duration(m, "detection"), duration(m, "switchover"), duration(m, "recovery"),
                        duration(m, "dataLoss")),
                outcome(top.get("outcome")), workload);
        SigningPublicKey signer = SigningPublicKey.decode(base64(top, "signer"));
        VaultSignature signature = VaultSignature.decode(base64(top, "signature"));
        return new DrillEvidence(content, signer, signature);
    }

    private static DrillOutcome outcome(JsonNode node) {
        if (node == null || !node.isObject() || node.get("status") == null || !node.get("status").isString()) {
            throw new MalformedEvidenceException("evidence field outcome must be an object with a status");
        }
        String status = node.get("status").asString();
        return switch (status) {
            case "passed" -> {
                fields(node, "outcome", Set.of("status"), Set.of());
                yield new DrillOutcome.Passed();
            }
            case "failed" -> {
                Map<String, JsonNode> f = fields(node, "outcome", Set.of("status", "breaches"), Set.of());
                List<Breach> breaches = new ArrayList<>();
                for (JsonNode b : list(f.get("breaches"), "outcome breaches")) {
                    Map<String, JsonNode> bf = fields(b, "breach", Set.of("tolerance", "detail"), Set.of());
                    breaches.add(new Breach(text(bf, "tolerance"), text(bf, "detail")));
                }
                yield new DrillOutcome.Failed(breaches);
            }
            case "aborted" -> {
                Map<String, JsonNode> f = fields(node, "outcome", Set.of("status", "reason"), Set.of());
                yield new DrillOutcome.Aborted(text(f, "reason"));
            }
            default -> throw new MalformedEvidenceException("evidence field outcome.status must be passed, failed "
                    + "or aborted, found " + EvidenceFields.shorten(status));
        };
    }

    private static Map<String, JsonNode> fields(JsonNode node, String what, Set<String> expected,
            Set<String> optional) {
        if (node == null || !node.isObject()) {
            throw new MalformedEvidenceException(what + " must be a JSON object");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!expected.contains(e.getKey())) {
                throw new MalformedEvidenceException(what + " has an unknown field "
                        + EvidenceFields.shorten(e.getKey()) + " (known: " + String.join(", ", new TreeSet<>(expected))
                        + ")");
            }
            out.put(e.getKey(), e.getValue());
        }
        for (String f : expected) {
            if (!out.containsKey(f) && !optional.contains(f)) {
                throw new MalformedEvidenceException(what + " lacks the field " + f);
            }
        }
        return out;
    }

    private static List<JsonNode> list(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new MalformedEvidenceException("evidence field " + field + " must be a JSON list");
        }
        List<JsonNode> out = new ArrayList<>();
        node.values().forEach(out::add);
        return out;
    }

    private static String text(Map<String, JsonNode> f, String field) {
        return string(f.get(field), field);
    }

    private static String string(JsonNode v, String field) {
        if (v == null || !v.isString()) {
            throw new MalformedEvidenceException("evidence field " + field + " must be a string");
        }
        return v.asString();
    }

    private static long count(JsonNode v, String field) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedEvidenceException("evidence field " + field + " must be a whole number");
        }
        return v.longValue();
    }

    private static Instant instant(Map<String, JsonNode> f, String field) {
        String v = text(f, field);
        try {
            return Instant.parse(v);
        } catch (DateTimeException e) {
            throw new MalformedEvidenceException("evidence field " + field + " must be a UTC instant like "
                    + "2026-12-02T15:04:05.123Z, found " + EvidenceFields.shorten(v));
        }
    }

    private static Duration duration(Map<String, JsonNode> f, String field) {
        JsonNode v = f.get(field);
        if (v.isNull()) {
            return null;
        }
        String s = string(v, field);
        try {
            return Duration.parse(s);
        } catch (DateTimeException | ArithmeticException e) {
            throw new MalformedEvidenceException("evidence field " + field + " must be an ISO 8601 duration like "
                    + "PT2.5S or null, found " + EvidenceFields.shorten(s));
        }
    }

    private static byte[] base64(Map<String, JsonNode> f, String field) {
        String s = text(f, field);
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException("evidence field " + field + " is not base64: " + e.getMessage());
        }
    }
}
