package org.finres.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes events as OCSF JSON and reads OCSF JSON back into events. Objects are plain records bound by Jackson with
 * snake_case names; the top level is written by hand because it merges the shared {@link BaseAttributes} with the
 * class's own attributes and adds the derived ids and captions ({@code type_uid}, {@code class_name}...). Reading
 * keeps whatever the document had that we do not model under {@code unmapped}, by its dotted path, so nothing a
 * producer sent is silently dropped.
 */
public final class OcsfJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_EMPTY))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Attributes we compute from the class and activity; reading ignores them rather than calling them unmapped. */
    private static final List<String> DERIVED = List.of("activity_name", "category_name", "class_name", "type_name",
            "severity", "category_uid", "type_uid");

    private OcsfJson() {
    }

    /** The mapper configured for OCSF objects, for callers that bind OCSF fragments themselves. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(OcsfEvent event) {
        return MAPPER.writeValueAsString(toTree(event));
    }

    public static ObjectNode toTree(OcsfEvent event) {
        OcsfClass c = event.ocsfClass();
        BaseAttributes b = event.base();
        ObjectNode out = MAPPER.createObjectNode();
        out.put("class_uid", c.uid());
        out.put("class_name", c.caption());
        out.put("category_uid", c.categoryUid());
        out.put("category_name", c.categoryCaption());
        out.put("activity_id", b.activityId());
        String activity = c.activities().get(b.activityId());
        if (activity != null) {
            out.put("activity_name", activity);
            out.put("type_name", c.caption() + ": " + activity);
        }
        out.put("type_uid", event.typeUid());
        out.put("severity_id", b.severity().id());
        out.put("severity", b.severity().caption());
        put(out, "time", b.time());
        put(out, "timezone_offset", b.timezoneOffset());
        put(out, "start_time", b.startTime());
        put(out, "end_time", b.endTime());
        put(out, "count", b.count());
        put(out, "message", b.message());
        put(out, "status_id", b.statusId());
        String status = b.status() != null ? b.status()
                : b.statusId() == null ? null : c.statuses().get(b.statusId());
        put(out, "status", status);
        put(out, "status_code", b.statusCode());
        put(out, "status_detail", b.statusDetail());
        put(out, "action_id", b.actionId());
        put(out, "action", b.action());
        switch (event) {
            case BaseEvent e -> {
            }
            case FileSystemActivity e -> {
                put(out, "file", e.file());
                put(out, "file_result", e.fileResult());
            }
            case ProcessActivity e -> {
                put(out, "process", e.process());
                put(out, "exit_code", e.exitCode());
            }
            case RegistryKeyActivity e -> {
                put(out, "reg_key", e.regKey());
                put(out, "prev_reg_key", e.prevRegKey());
            }
            case RegistryValueActivity e -> {
                put(out, "reg_value", e.regValue());
                put(out, "prev_reg_value", e.prevRegValue());
            }
            case SecurityFinding e -> {
                put(out, "finding", e.finding());
                put(out, "state_id", e.stateId());
                put(out, "vulnerabilities", e.vulnerabilities());
            }
            case VulnerabilityFinding e -> {
                put(out, "finding_info", e.findingInfo());
                put(out, "vulnerabilities", e.vulnerabilities());
            }
            case DetectionFinding e -> {
                put(out, "finding_info", e.findingInfo());
                put(out, "evidences", e.evidences());
                put(out, "vulnerabilities", e.vulnerabilities());
                put(out, "is_alert", e.isAlert());
                put(out, "confidence_id", e.confidenceId());
            }
            case AccountChange e -> {
                put(out, "user", e.user());
                put(out, "user_result", e.userResult());
                put(out, "src_endpoint", e.srcEndpoint());
            }
            case Authentication e -> {
                put(out, "user", e.user());
                put(out, "src_endpoint", e.srcEndpoint());
                put(out, "dst_endpoint", e.dstEndpoint());
                put(out, "logon_type_id", e.logonTypeId());
                put(out, "logon_type", e.logonType());
                put(out, "auth_protocol_id", e.authProtocolId());
                put(out, "auth_protocol", e.authProtocol());
                put(out, "is_remote", e.isRemote());
                put(out, "session", e.session());
                put(out, "logon_process", e.logonProcess());
            }
            case NetworkActivity e -> {
                put(out, "src_endpoint", e.srcEndpoint());
                put(out, "dst_endpoint", e.dstEndpoint());
                put(out, "connection_info", e.connectionInfo());
                put(out, "traffic", e.traffic());
                put(out, "url", e.url());
            }
            case HttpActivity e -> {
                put(out, "src_endpoint", e.srcEndpoint());
                put(out, "dst_endpoint", e.dstEndpoint());
                put(out, "connection_info", e.connectionInfo());
                put(out, "traffic", e.traffic());
                put(out, "http_request", e.httpRequest());
                put(out, "http_response", e.httpResponse());
                put(out, "http_status", e.httpStatus());
            }
            case DnsActivity e -> {
                put(out, "src_endpoint", e.srcEndpoint());
                put(out, "dst_endpoint", e.dstEndpoint());
                put(out, "connection_info", e.connectionInfo());
                put(out, "query", e.query());
                put(out, "answers", e.answers());
                put(out, "rcode_id", e.rcodeId());
                put(out, "rcode", e.rcode());
            }
        }
        put(out, "metadata", b.metadata());
        put(out, "device", b.device());
        put(out, "actor", b.actor());
        put(out, "observables", b.observables());
        if (!b.unmapped().isEmpty()) {
            out.set("unmapped", MAPPER.valueToTree(b.unmapped()));
        }
        put(out, "raw_data", b.rawData());
        return out;
    }

    /** Reads one OCSF JSON document; never throws for bad input. */
    public static OcsfParse read(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            return new OcsfParse.Invalid(List.of(new Violation("$", "not JSON: " + e.getOriginalMessage())));
        }
        return read(tree);
    }

    /** Binds a parsed OCSF JSON document after checking it with {@link OcsfValidator}; never throws for bad input. */
    public static OcsfParse read(JsonNode document) {
        List<Violation> violations = OcsfValidator.validate(document);
        if (!violations.isEmpty()) {
            return new OcsfParse.Invalid(violations);
        }
        Reader reader = new Reader(document);
        OcsfEvent event = reader.event();
        if (!reader.violations.isEmpty()) {
            return new OcsfParse.Invalid(reader.violations);
        }
        Map<String, Object> unmapped = new LinkedHashMap<>(event.base().unmapped());
        ObjectNode written = toTree(event);
        collectMissing("", document, written, unmapped);
        if (unmapped.size() != event.base().unmapped().size()) {
            event = event.withBase(event.base().toBuilder().unmapped(unmapped).build());
        }
        return new OcsfParse.Parsed(event);
    }

    /** Records under {@code unmapped} every path of the input that our model did not carry over. */
    private static void collectMissing(String prefix, JsonNode input, JsonNode written, Map<String, Object> unmapped) {
        for (var property : input.properties()) {
            String name = property.getKey();
            if (prefix.isEmpty() && (name.equals("unmapped") || DERIVED.contains(name))) {
                continue;
            }
            JsonNode value = property.getValue();
            JsonNode ours = written == null ? null : written.get(name);
            String path = prefix + name;
            if (ours == null || ours.isNull()) {
                if (!value.isNull() && !(value.isContainer() && value.isEmpty()) && !(value.isString() && value.asString().isEmpty())) {
                    unmapped.put(path, MAPPER.convertValue(value, Object.class));
                }
            } else if (value.isObject() && ours.isObject()) {
                collectMissing(path + ".", value, ours, unmapped);
            } else if (value.isArray() && ours.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode element = value.get(i);
                    if (element.isObject() && ours.get(i) != null && ours.get(i).isObject()) {
                        collectMissing(path + "[" + i + "].", element, ours.get(i), unmapped);
                    }
                }
            }
        }
    }

    private static void put(ObjectNode out, String name, Object value) {
        if (value == null) {
            return;
        }
        JsonNode node = MAPPER.valueToTree(value);
        if (node == null || node.isNull() || (node.isContainer() && node.isEmpty())) {
            return;
        }
        out.set(name, node);
    }

    /** Binds one validated document, collecting type errors as violations instead of throwing. */
    private static final class Reader {
        private final JsonNode doc;
        private final List<Violation> violations = new ArrayList<>();

        Reader(JsonNode doc) {
            this.doc = doc;
        }

        OcsfEvent event() {
            OcsfClass c = OcsfClass.ofUid(doc.get("class_uid").asLong()).orElseThrow();
            BaseAttributes base = base();
            return switch (c) {
                case BASE_EVENT -> new BaseEvent(base);
                case FILE_SYSTEM_ACTIVITY -> new FileSystemActivity(base, object("file", FileInfo.class),
                        object("file_result", FileInfo.class));
                case PROCESS_ACTIVITY -> new ProcessActivity(base, object("process", ProcessInfo.class),
                        integer("exit_code"));
                case REGISTRY_KEY_ACTIVITY -> new RegistryKeyActivity(base, object("reg_key", RegistryKey.class),
                        object("prev_reg_key", RegistryKey.class));
                case REGISTRY_VALUE_ACTIVITY -> new RegistryValueActivity(base,
                        object("reg_value", RegistryValue.class), object("prev_reg_value", RegistryValue.class));
                case SECURITY_FINDING -> new SecurityFinding(base, object("finding", Finding.class),
                        integer("state_id"), list("vulnerabilities", Vulnerability.class));
                case VULNERABILITY_FINDING -> new VulnerabilityFinding(base,
                        object("finding_info", FindingInfo.class), list("vulnerabilities", Vulnerability.class));
                case DETECTION_FINDING -> new DetectionFinding(base, object("finding_info", FindingInfo.class),
                        list("evidences", Evidence.class), list("vulnerabilities", Vulnerability.class),
                        bool("is_alert"), integer("confidence_id"));
                case ACCOUNT_CHANGE -> new AccountChange(base, object("user", User.class),
                        object("user_result", User.class), object("src_endpoint", NetworkEndpoint.class));
                case AUTHENTICATION -> new Authentication(base, object("user", User.class),
                        object("src_endpoint", NetworkEndpoint.class), object("dst_endpoint", NetworkEndpoint.class),
                        integer("logon_type_id"), string("logon_type"), integer("auth_protocol_id"),
                        string("auth_protocol"), bool("is_remote"), object("session", Session.class),
                        object("logon_process", ProcessInfo.class));
                case NETWORK_ACTIVITY -> new NetworkActivity(base, object("src_endpoint", NetworkEndpoint.class),
                        object("dst_endpoint", NetworkEndpoint.class), object("connection_info", ConnectionInfo.class),
                        object("traffic", NetworkTraffic.class), object("url", Url.class));
                case HTTP_ACTIVITY -> new HttpActivity(base, object("src_endpoint", NetworkEndpoint.class),
                        object("dst_endpoint", NetworkEndpoint.class), object("connection_info", ConnectionInfo.class),
                        object("traffic", NetworkTraffic.class), object("http_request", HttpRequest.class),
                        object("http_response", HttpResponse.class), integer("http_status"));
                case DNS_ACTIVITY -> new DnsActivity(base, object("src_endpoint", NetworkEndpoint.class),
                        object("dst_endpoint", NetworkEndpoint.class), object("connection_info", ConnectionInfo.class),
                        object("query", DnsQuery.class), list("answers", DnsAnswer.class), integer("rcode_id"),
                        string("rcode"));
            };
        }

        private BaseAttributes base() {
            Map<String, Object> unmapped = new LinkedHashMap<>();
            JsonNode given = doc.get("unmapped");
            if (given != null && given.isObject()) {
                for (var property : given.properties()) {
                    unmapped.put(property.getKey(), MAPPER.convertValue(property.getValue(), Object.class));
                }
            } else if (given != null && !given.isNull()) {
                violations.add(new Violation("unmapped", "must be an object"));
            }
            return BaseAttributes.builder()
                    .activityId(doc.get("activity_id").asInt())
                    .severity(Severity.ofId(doc.get("severity_id").asLong()).orElse(Severity.UNKNOWN))
                    .time(longValue("time"))
                    .timezoneOffset(integer("timezone_offset"))
                    .startTime(longValue("start_time"))
                    .endTime(longValue("end_time"))
                    .count(integer("count"))
                    .message(string("message"))
                    .statusId(integer("status_id"))
                    .status(string("status"))
                    .statusCode(string("status_code"))
                    .statusDetail(string("status_detail"))
                    .actionId(integer("action_id"))
                    .action(string("action"))
                    .metadata(object("metadata", Metadata.class))
                    .device(object("device", Device.class))
                    .actor(object("actor", Actor.class))
                    .observables(list("observables", Observable.class))
                    .unmapped(unmapped)
                    .rawData(string("raw_data"))
                    .build();
        }

        private <T> T object(String name, Class<T> type) {
            JsonNode node = doc.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                violations.add(new Violation(name, "must be an object"));
                return null;
            }
            try {
                return MAPPER.treeToValue(node, type);
            } catch (JacksonException | IllegalArgumentException e) {
                violations.add(new Violation(name + pathOf(e), "cannot be read: " + messageOf(e)));
                return null;
            }
        }

        private <T> List<T> list(String name, Class<T> type) {
            JsonNode node = doc.get(name);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                violations.add(new Violation(name, "must be an array"));
                return List.of();
            }
            List<T> values = new ArrayList<>();
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (!element.isObject()) {
                    violations.add(new Violation(name + "[" + i + "]", "must be an object"));
                    continue;
                }
                try {
                    values.add(MAPPER.treeToValue(element, type));
                } catch (JacksonException | IllegalArgumentException e) {
                    violations.add(new Violation(name + "[" + i + "]" + pathOf(e), "cannot be read: " + messageOf(e)));
                }
            }
            return values;
        }

        private String string(String name) {
            JsonNode node = doc.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isContainer()) {
                violations.add(new Violation(name, "must be a string"));
                return null;
            }
            return node.asString();
        }

        private Integer integer(String name) {
            JsonNode node = doc.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                violations.add(new Violation(name, "must be an integer"));
                return null;
            }
            return node.asInt();
        }

        private Long longValue(String name) {
            JsonNode node = doc.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isNumber() || !node.canConvertToLong()) {
                violations.add(new Violation(name, "must be an integer"));
                return null;
            }
            return node.asLong();
        }

        private Boolean bool(String name) {
            JsonNode node = doc.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                violations.add(new Violation(name, "must be true or false"));
                return null;
            }
            return node.asBoolean();
        }

        private static String pathOf(Exception e) {
            if (e instanceof tools.jackson.databind.DatabindException d && !d.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (var ref : d.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append('.').append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.toString();
            }
            return "";
        }

        private static String messageOf(Exception e) {
            String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
        }
    }
}
