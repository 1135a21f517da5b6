package org.finres.coredata;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code dataset.json}: what a standard dataset declares about itself. Written last, when every record file is
 * complete, so a folder with a readable manifest is a whole dataset.
 *
 * @param files per record file, its SHA-256 and size, so a changed byte is named by file
 */
public record DatasetManifest(String format, int version, String institution, LocalDate businessDate,
        List<CurrencyCode> currencies, Map<String, Long> recordCounts, Map<String, String> controlTotals,
        Map<String, FileDigest> files) {

    public static final String FORMAT = "finres-core-data";
    public static final int VERSION = 1;
    public static final String FILE = "dataset.json";

    public DatasetManifest {
        Fields.id(institution, "institution");
        Fields.required(businessDate, "businessDate");
        currencies = List.copyOf(currencies);
        recordCounts = Collections.unmodifiableMap(new TreeMap<>(recordCounts));
        controlTotals = Collections.unmodifiableMap(new TreeMap<>(controlTotals));
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** @param sha256 lower-case hex */
    public record FileDigest(String sha256, long bytes) {
    }

    String toJson() {
        ObjectNode root = RecordJson.MAPPER.createObjectNode();
        root.put("format", format);
        root.put("version", version);
        root.put("institution", institution);
        root.put("businessDate", businessDate.toString());
        currencies.forEach(c -> root.withArray("currencies").add(c.value()));
        if (currencies.isEmpty()) {
            root.putArray("currencies");
        }
        ObjectNode counts = root.putObject("recordCounts");
        recordCounts.forEach(counts::put);
        ObjectNode totals = root.putObject("controlTotals");
        controlTotals.forEach(totals::put);
        ObjectNode fileNodes = root.putObject("files");
        files.forEach((name, d) -> fileNodes.putObject(name).put("sha256", d.sha256()).put("bytes", d.bytes()));
        return RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Strict parse; IllegalArgumentException names the field. */
    static DatasetManifest parse(String json) {
        JsonNode root;
        try {
            root = RecordJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Set<String> known = Set.of("format", "version", "institution", "businessDate", "currencies", "recordCounts",
                "controlTotals", "files");
        for (String name : root.propertyNames()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"");
            }
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is \"" + format + "\", not \"" + FORMAT + "\"");
        }
        JsonNode v = root.get("version");
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException("version must be an integer");
        }
        if (v.intValue() < 1 || v.intValue() > VERSION) {
            throw new IllegalArgumentException("version " + v.intValue() + " is not supported (this reader knows 1.."
                    + VERSION + ")");
        }
        LocalDate date = Fields.date(text(root, "businessDate"), "businessDate");
        List<CurrencyCode> currencies = new ArrayList<>();
        JsonNode cs = root.get("currencies");
        if (cs == null || !cs.isArray()) {
            throw new IllegalArgumentException("currencies must be an array");
        }
        for (JsonNode c : cs) {
            if (!c.isString()) {
                throw new IllegalArgumentException("currencies must hold strings");
            }
            currencies.add(CurrencyCode.of(c.stringValue()));
        }
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "recordCounts").properties()) {
            if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber() || e.getValue().longValue() < 0) {
                throw new IllegalArgumentException("recordCounts." + e.getKey() + " must be a non-negative integer");
            }
            counts.put(e.getKey(), e.getValue().longValue());
        }
        Map<String, String> totals = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "controlTotals").properties()) {
            if (!e.getValue().isString()) {
                throw new IllegalArgumentException("controlTotals." + e.getKey() + " must be a decimal string");
            }
            totals.put(e.getKey(), e.getValue().stringValue());
        }
        ControlTotals.fromMap(totals); // refuses malformed keys and amounts now, not halfway through validation
        Map<String, FileDigest> files = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : object(root, "files").properties()) {
            JsonNode f = e.getValue();
            JsonNode sha = f.get("sha256");
            JsonNode bytes = f.get("bytes");
            if (sha == null || !sha.isString() || !sha.stringValue().matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("files." + e.getKey() + ".sha256 must be 64 lower-case hex digits");
            }
            if (bytes == null || !bytes.isIntegralNumber() || !bytes.canConvertToLong() || bytes.longValue() < 0) {
                throw new IllegalArgumentException("files." + e.getKey() + ".bytes must be a non-negative integer");
            }
            files.put(e.getKey(), new FileDigest(sha.stringValue(), bytes.longValue()));
        }
        return new DatasetManifest(format, v.intValue(), text(root, "institution"), date, currencies, counts, totals,
                files);
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return n.stringValue();
    }

    private static JsonNode object(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(field + " must be an object");
        }
        return n;
    }

}
