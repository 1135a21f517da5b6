package org.finres.events.internal.decode;

import org.finres.events.AccountChange;
import org.finres.events.Actor;
import org.finres.events.Analytic;
import org.finres.events.Authentication;
import org.finres.events.BaseAttributes;
import org.finres.events.BaseEvent;
import org.finres.events.ConnectionInfo;
import org.finres.events.Cve;
import org.finres.events.Cvss;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.DetectionFinding;
import org.finres.events.Device;
import org.finres.events.DnsActivity;
import org.finres.events.DnsAnswer;
import org.finres.events.DnsQuery;
import org.finres.events.EventDecoder;
import org.finres.events.Evidence;
import org.finres.events.FileInfo;
import org.finres.events.FileSystemActivity;
import org.finres.events.FindingInfo;
import org.finres.events.Fingerprint;
import org.finres.events.HttpActivity;
import org.finres.events.HttpRequest;
import org.finres.events.HttpResponse;
import org.finres.events.InputFormat;
import org.finres.events.NetworkActivity;
import org.finres.events.NetworkEndpoint;
import org.finres.events.NetworkTraffic;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfJson;
import org.finres.events.OperatingSystem;
import org.finres.events.ProcessActivity;
import org.finres.events.ProcessInfo;
import org.finres.events.Product;
import org.finres.events.RegistryKey;
import org.finres.events.RegistryKeyActivity;
import org.finres.events.RegistryValue;
import org.finres.events.RegistryValueActivity;
import org.finres.events.Severity;
import org.finres.events.Url;
import org.finres.events.User;
import org.finres.events.Vulnerability;
import org.finres.events.VulnerabilityFinding;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Elastic Common Schema JSON (Beats, Elastic Agent, Logstash output), nested or with dotted keys. The class follows
 * {@code event.kind}, {@code event.category} and {@code event.type} as DECODERS.md tabulates; fields map by their ECS
 * meaning, and every field not mapped stays under {@code unmapped} by its dotted ECS name.
 */
public final class EcsDecoder implements EventDecoder {

    @Override
    public InputFormat format() {
        return InputFormat.ECS_JSON;
    }

    @Override
    public Decoding decode(byte[] input, DecodeContext context) {
        return JsonDocuments.decodeEach(input, context, "no JSON object in input", (node, ctx, source) -> Decoding.Decoded.of(decodeDocument(node, ctx, source)));
    }

    /** Whether a JSON object looks like ECS: a timestamp plus ECS's event or version fields. */
    public static boolean isEcs(JsonNode node) {
        if (node == null || !node.isObject() || !node.has("@timestamp")) {
            return false;
        }
        JsonNode event = node.get("event");
        return node.has("ecs") || node.has("ecs.version") || node.has("event.kind") || node.has("event.category")
                || (event != null && event.isObject() && (event.has("kind") || event.has("category")
                || event.has("module") || event.has("dataset")));
    }

    public OcsfEvent decodeDocument(JsonNode node, DecodeContext context, String raw) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", node, flat, 0);
        SourceFields f = new SourceFields(flat);
        // Category and type choose the class but stay under unmapped for rules that match on them.
        List<String> categories = strings(f.peekRaw("event.category"));
        List<String> types = strings(f.peekRaw("event.type"));
        String kind = lower(f.text("event.kind"));
        String action = f.text("event.action");
        // Empty rather than null: the class rules below ask what the action contains, and many events have none.
        String act = action == null ? "" : lower(action);

        String timeText = f.peek("@timestamp");
        Long time = SourceTimes.parse(timeText, context.sourceZone(), context.receivedAt()).orElse(null);
        if (time != null) {
            f.text("@timestamp");
        }
        Severity severity = SeverityScales.word(f.text("kibana.alert.severity", "signal.rule.severity"));
        if (severity == Severity.UNKNOWN) {
            severity = SeverityScales.word(f.peek("log.level"));
            if (severity != Severity.UNKNOWN) {
                f.text("log.level");
            }
        }
        if (severity == Severity.UNKNOWN) {
            severity = SeverityScales.hundredPoint(f.number("event.severity"));
        }
        String outcome = lower(f.text("event.outcome"));
        String productName = f.text("observer.product");
        String vendor = f.text("observer.vendor");
        if (productName == null) {
            productName = f.peek("agent.type") != null ? f.text("agent.type") : f.text("event.module");
            vendor = vendor != null ? vendor : f.peek("agent.type") != null || productName != null ? "Elastic" : null;
        }
        BaseAttributes.Builder base = BaseAttributes.builder()
                .severity(severity)
                .time(time)
                .message(f.text("message"))
                .statusId(outcome == null ? null : outcome.equals("success") ? 1 : outcome.equals("failure") ? 2 : 0)
                .action(action)
                .metadata(Completion.metadata(new Product(productName, vendor, f.text("observer.version", "agent.version"), null),
                        "ECS", f.text("event.code"), f.text("event.dataset"), f.text("event.id"), timeText, context))
                .device(device(f));

        User user = user(f, "user");
        ProcessInfo process = process(f);
        NetworkEndpoint src = endpoint(f, "source", "client");
        NetworkEndpoint dst = endpoint(f, "destination", "server");
        String transport = lower(f.text("network.transport"));
        String direction = lower(f.text("network.direction"));
        ConnectionInfo connection = transport == null && direction == null ? null
                : new ConnectionInfo(directionId(direction), direction, transport, null, null);
        Long bytesOut = f.number("source.bytes");
        Long bytesIn = f.number("destination.bytes");
        Long bytes = f.number("network.bytes");
        NetworkTraffic traffic = bytesOut == null && bytesIn == null && bytes == null ? null
                : new NetworkTraffic(bytesIn, bytesOut, bytes, null, null, f.number("network.packets"));
        FileInfo file = file(f);
        Url url = url(f);
        if (user != null || process != null) {
            base.actor(Actor.of(user, process != null ? process.parentProcess() != null ? process.parentProcess() : process : null));
        }

        OcsfEvent draft;
        if ("alert".equals(kind) || "signal".equals(kind)) {
            String ruleId = f.text("kibana.alert.rule.uuid", "rule.id", "rule.uuid", "signal.rule.id");
            String ruleName = f.text("kibana.alert.rule.name", "rule.name", "signal.rule.name");
            String uid = ruleId != null ? ruleId : f.peek("event.id");
            List<String> ruleCategories = strings(f, "rule.category");
            FindingInfo info = new FindingInfo(uid, ruleName, f.text("rule.description", "kibana.alert.reason"),
                    ruleCategories, null, null, null, f.text("rule.reference"),
                    ruleId == null && ruleName == null ? null : Analytic.rule(ruleId, ruleName));
            Evidence evidence = new Evidence(null, src, dst, connection, file, process, user, url, null, null, null);
            draft = new DetectionFinding(base.activityId(DetectionFinding.CREATE).build(), info, List.of(evidence),
                    List.of(), true, null);
        } else if (categories.contains("vulnerability") || f.has("vulnerability.id")) {
            String id = f.text("vulnerability.id");
            Double score = doubleOf(f.text("vulnerability.score.base"));
            String version = f.text("vulnerability.score.version");
            Cve cve = id != null && id.toUpperCase(Locale.ROOT).startsWith("CVE-")
                    ? new Cve(id, null, score == null ? List.of() : List.of(new Cvss(version == null ? "3.1" : version, score, null, null)))
                    : null;
            Vulnerability vulnerability = new Vulnerability(cve, id, f.text("vulnerability.description"),
                    f.text("vulnerability.severity"), strings(f, "vulnerability.reference"),
                    f.text("vulnerability.scanner.vendor"));
            draft = new VulnerabilityFinding(base.activityId(1).build(),
                    FindingInfo.of(id, f.peek("vulnerability.description")), List.of(vulnerability));
        } else if (categories.contains("process")) {
            int activity = types.contains("start") ? ProcessActivity.LAUNCH : types.contains("end")
                    ? ProcessActivity.TERMINATE : types.contains("access") ? ProcessActivity.OPEN : 0;
            draft = new ProcessActivity(base.activityId(activity).build(), process, f.integer("process.exit_code"));
        } else if (categories.contains("authentication")) {
            boolean logoff = act.contains("logoff") || act.contains("logout") || act.contains("logged-out")
                    || types.contains("end");
            draft = new Authentication(base.activityId(logoff ? Authentication.LOGOFF : Authentication.LOGON).build(),
                    user, src, dst, null, null, null, null, null, null, null);
        } else if (categories.contains("iam") && (types.contains("user") || act.contains("user"))) {
            User target = user(f, "user.target");
            int activity = types.contains("creation") ? AccountChange.CREATE : types.contains("deletion")
                    ? AccountChange.DELETE : act.contains("reset") ? AccountChange.PASSWORD_RESET
                    : act.contains("password") ? AccountChange.PASSWORD_CHANGE : act.contains("disable")
                    ? AccountChange.DISABLE : act.contains("enable") ? AccountChange.ENABLE : act.contains("unlock")
                    ? AccountChange.UNLOCK : act.contains("lock") ? AccountChange.LOCK : 99;
            draft = new AccountChange(base.activityId(activity).build(), target != null ? target : user, null, src);
        } else if (categories.contains("registry")) {
            String path = f.text("registry.path");
            String key = f.text("registry.key");
            String valueName = f.text("registry.value");
            String hive = f.text("registry.hive");
            String keyPath = key == null ? null : hive == null ? key : hive + "\\" + key;
            int activity = types.contains("deletion") ? 4 : types.contains("creation") || types.contains("change") ? 2 : 0;
            if (valueName != null) {
                List<String> data = strings(f, "registry.data.strings");
                String type = f.text("registry.data.type");
                draft = new RegistryValueActivity(base.activityId(activity).build(),
                        new RegistryValue(keyPath != null ? keyPath : parentOf(path), valueName,
                                data.isEmpty() ? null : String.join(",", data), registryTypeId(type), type), null);
            } else {
                int keyActivity = types.contains("deletion") ? RegistryKeyActivity.DELETE : types.contains("creation")
                        ? RegistryKeyActivity.CREATE : types.contains("change") ? RegistryKeyActivity.MODIFY : 0;
                draft = new RegistryKeyActivity(base.activityId(keyActivity).build(),
                        RegistryKey.of(path != null ? path : keyPath), null);
            }
        } else if (categories.contains("file")) {
            int activity = types.contains("creation") ? FileSystemActivity.CREATE : types.contains("deletion")
                    ? FileSystemActivity.DELETE : types.contains("change") ? FileSystemActivity.UPDATE
                    : types.contains("access") ? FileSystemActivity.READ : act.contains("rename")
                    ? FileSystemActivity.RENAME : 0;
            draft = new FileSystemActivity(base.activityId(activity).build(), file, null);
        } else if (f.has("dns.question.name")) {
            String dnsType = lower(f.text("dns.type"));
            DnsQuery query = new DnsQuery(f.text("dns.question.name"), f.text("dns.question.type"),
                    f.text("dns.question.class"), null);
            List<DnsAnswer> answers = answers(f.raw("dns.answers"));
            String rcode = f.text("dns.response_code");
            int activity = "query".equals(dnsType) ? DnsActivity.QUERY : "answer".equals(dnsType)
                    ? DnsActivity.RESPONSE : DnsActivity.TRAFFIC;
            draft = new DnsActivity(base.activityId(activity).build(), src, dst, connection, query, answers,
                    rcode == null ? null : rcodeId(rcode), rcode);
        } else if (url != null || f.has("http.request.method")) {
            String method = f.text("http.request.method");
            Integer status = f.integer("http.response.status_code");
            HttpRequest request = new HttpRequest(method == null ? null : method.toUpperCase(Locale.ROOT), url,
                    f.text("user_agent.original"), f.text("http.request.referrer"), f.text("http.version"), null);
            draft = new HttpActivity(base.activityId(HttpActivity.activityOf(method)).build(), src, dst, connection,
                    traffic, request, status == null ? null : new HttpResponse(status, null, null,
                    f.text("http.response.mime_type"), f.number("http.response.body.bytes")), status);
        } else if (categories.contains("network") || src != null || dst != null) {
            int activity = types.contains("denied") ? NetworkActivity.REFUSE : types.contains("start")
                    || types.contains("connection") ? NetworkActivity.OPEN : types.contains("end")
                    ? NetworkActivity.CLOSE : NetworkActivity.TRAFFIC;
            if (types.contains("denied")) {
                base.actionId(2);
            } else if (types.contains("allowed")) {
                base.actionId(1);
            }
            draft = new NetworkActivity(base.activityId(activity).build(), src, dst, connection, traffic, null);
        } else {
            draft = new BaseEvent(base.activityId(BaseEvent.UNKNOWN).build());
        }
        return Completion.finish(draft, f, context, raw);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> into, int depth) {
        for (var property : node.properties()) {
            String key = prefix + property.getKey();
            JsonNode value = property.getValue();
            if (value.isObject() && depth < 16 && !value.isEmpty()) {
                flatten(key + ".", value, into, depth + 1);
            } else if (!value.isNull()) {
                into.put(key, OcsfJson.mapper().convertValue(value, Object.class));
            }
        }
    }

    private static List<String> strings(SourceFields f, String key) {
        return strings(f.raw(key));
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item != null && !(item instanceof Map<?, ?>) && !(item instanceof List<?>)) {
                    out.add(String.valueOf(item).toLowerCase(Locale.ROOT).strip());
                }
            }
        } else if (value != null && !(value instanceof Map<?, ?>)) {
            out.add(String.valueOf(value).toLowerCase(Locale.ROOT).strip());
        }
        return out;
    }

    private static Device device(SourceFields f) {
        String hostname = f.text("host.hostname", "host.name");
        String ip = first(f.raw("host.ip"));
        String uid = f.text("host.id");
        String domain = f.text("host.domain");
        String osType = lower(f.text("host.os.type", "host.os.family"));
        String osName = f.text("host.os.name");
        OperatingSystem os = osName == null && osType == null ? null : new OperatingSystem(
                osName != null ? osName : osType, osType == null ? 0 : osType.contains("windows") ? 100
                : osType.contains("linux") ? 200 : osType.contains("mac") ? 300 : 99, f.text("host.os.version"));
        if (hostname == null && ip == null && uid == null) {
            return null;
        }
        return new Device(hostname, null, ip, uid, domain, 0, os);
    }

    private static User user(SourceFields f, String prefix) {
        String name = f.text(prefix + ".name");
        String id = f.text(prefix + ".id");
        if (name == null && id == null) {
            return null;
        }
        return new User(name, id, f.text(prefix + ".domain"), f.text(prefix + ".full_name"), f.text(prefix + ".email"), null);
    }

    private static ProcessInfo process(SourceFields f) {
        ProcessInfo parent = null;
        if (f.has("process.parent.pid") || f.has("process.parent.executable") || f.has("process.parent.name")) {
            String exe = f.text("process.parent.executable");
            parent = new ProcessInfo(f.integer("process.parent.pid"), f.text("process.parent.entity_id"),
                    f.text("process.parent.name") != null ? f.peek("process.parent.name") : FileInfo.nameOf(exe),
                    f.text("process.parent.command_line"), exe == null ? null : FileInfo.ofPath(exe), null, null, null,
                    null, null, null, null);
        }
        String exe = f.text("process.executable");
        Integer pid = f.integer("process.pid");
        String name = f.text("process.name");
        if (exe == null && pid == null && name == null && parent == null) {
            return null;
        }
        FileInfo file = exe == null ? null : FileInfo.ofPath(exe).withHashes(hashes(f, "process.hash"));
        return new ProcessInfo(pid, f.text("process.entity_id"), name != null ? name : FileInfo.nameOf(exe),
                f.text("process.command_line"), file, parent, null, null, f.text("process.working_directory"), null,
                null, SourceTimes.parse(f.text("process.start"), java.time.ZoneOffset.UTC, java.time.Instant.EPOCH).orElse(null));
    }

    private static FileInfo file(SourceFields f) {
        String path = f.text("file.path");
        String name = f.text("file.name");
        if (path == null && name == null) {
            return null;
        }
        return new FileInfo(name != null ? name : FileInfo.nameOf(path), path, 1, hashes(f, "file.hash"),
                f.number("file.size"), null, null, null, null,
                SourceTimes.parse(f.text("file.created"), java.time.ZoneOffset.UTC, java.time.Instant.EPOCH).orElse(null),
                SourceTimes.parse(f.text("file.mtime"), java.time.ZoneOffset.UTC, java.time.Instant.EPOCH).orElse(null), null);
    }

    private static List<Fingerprint> hashes(SourceFields f, String prefix) {
        List<Fingerprint> out = new ArrayList<>();
        for (var entry : List.of(Map.entry("md5", 1), Map.entry("sha1", 2), Map.entry("sha256", 3),
                Map.entry("sha512", 4), Map.entry("sha384", 9), Map.entry("ssdeep", 5), Map.entry("tlsh", 6))) {
            String value = f.text(prefix + "." + entry.getKey());
            if (value != null) {
                out.add(new Fingerprint(entry.getValue(), switch (entry.getValue()) {
                    case 1 -> "MD5";
                    case 2 -> "SHA-1";
                    case 3 -> "SHA-256";
                    case 4 -> "SHA-512";
                    case 9 -> "SHA-384";
                    case 5 -> "CTPH";
                    default -> "TLSH";
                }, value));
            }
        }
        return out;
    }

    private static NetworkEndpoint endpoint(SourceFields f, String prefix, String alias) {
        String p = f.has(prefix + ".ip") || f.has(prefix + ".address") || f.has(prefix + ".domain") ? prefix : alias;
        String ip = f.text(p + ".ip");
        String address = f.text(p + ".address");
        Integer port = f.integer(p + ".port");
        String domain = f.text(p + ".domain");
        String mac = f.text(p + ".mac");
        if (ip == null && address != null && address.matches("[0-9a-fA-F:.]+")) {
            ip = address;
        }
        if (ip == null && port == null && domain == null && address == null && mac == null) {
            return null;
        }
        return new NetworkEndpoint(ip, port, domain != null ? domain : ip == null ? address : null, null, mac, null,
                null, null);
    }

    private static Url url(SourceFields f) {
        String full = f.text("url.full", "url.original");
        if (full != null) {
            f.text("url.domain");
            f.text("url.path");
            f.text("url.query");
            f.text("url.scheme");
            f.text("url.port");
            return Url.parse(full);
        }
        String domain = f.text("url.domain");
        String path = f.text("url.path");
        if (domain == null && path == null) {
            return null;
        }
        return new Url(null, f.text("url.scheme"), domain, f.integer("url.port"), path, f.text("url.query"), null);
    }

    private static List<DnsAnswer> answers(Object raw) {
        List<DnsAnswer> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("data") != null) {
                    Object ttl = map.get("ttl");
                    out.add(new DnsAnswer(String.valueOf(map.get("data")), map.get("type") == null ? null
                            : String.valueOf(map.get("type")), map.get("class") == null ? null : String.valueOf(map.get("class")),
                            ttl instanceof Number n ? Integer.valueOf(n.intValue()) : null, null));
                }
            }
        }
        return out;
    }

    private static int rcodeId(String rcode) {
        return switch (rcode.toUpperCase(Locale.ROOT)) {
            case "NOERROR" -> 0;
            case "FORMERR" -> 1;
            case "SERVFAIL" -> 2;
            case "NXDOMAIN" -> 3;
            case "NOTIMP" -> 4;
            case "REFUSED" -> 5;
            case "YXDOMAIN" -> 6;
            case "YXRRSET" -> 7;
            case "NXRRSET" -> 8;
            case "NOTAUTH" -> 9;
            case "NOTZONE" -> 10;
            default -> 99;
        };
    }

    private static int directionId(String direction) {
        if (direction == null) {
            return 0;
        }
        return switch (direction) {
            case "inbound", "ingress" -> 1;
            case "outbound", "egress" -> 2;
            case "internal" -> 3;
            case "external" -> 99;
            default -> 0;
        };
    }

    private static Integer registryTypeId(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "REG_BINARY" -> 1;
            case "REG_DWORD" -> 2;
            case "REG_DWORD_BIG_ENDIAN" -> 3;
            case "REG_EXPAND_SZ" -> 4;
            case "REG_LINK" -> 5;
            case "REG_MULTI_SZ" -> 6;
            case "REG_NONE" -> 7;
            case "REG_QWORD" -> 8;
            case "REG_SZ" -> 10;
            default -> null;
        };
    }

    private static String parentOf(String path) {
        if (path == null) {
            return null;
        }
        int cut = path.lastIndexOf('\\');
        return cut < 0 ? path : path.substring(0, cut);
    }

    private static String first(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() || list.getFirst() == null ? null : String.valueOf(list.getFirst());
        }
        return value == null || value instanceof Map<?, ?> ? null : SourceText.clean(String.valueOf(value));
    }

    private static Double doubleOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
