package org.finres.events.internal.decode;

import org.finres.events.Actor;
import org.finres.events.Authentication;
import org.finres.events.BaseAttributes;
import org.finres.events.BaseEvent;
import org.finres.events.ConnectionInfo;
import org.finres.events.DecodeContext;
import org.finres.events.DetectionFinding;
import org.finres.events.Device;
import org.finres.events.Evidence;
import org.finres.events.FileInfo;
import org.finres.events.FileSystemActivity;
import org.finres.events.FindingInfo;
import org.finres.events.Fingerprint;
import org.finres.events.HttpActivity;
import org.finres.events.HttpRequest;
import org.finres.events.HttpResponse;
import org.finres.events.NetworkActivity;
import org.finres.events.NetworkEndpoint;
import org.finres.events.NetworkTraffic;
import org.finres.events.OcsfEvent;
import org.finres.events.ProcessInfo;
import org.finres.events.Product;
import org.finres.events.Severity;
import org.finres.events.Url;
import org.finres.events.User;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The mapping CEF and LEEF share: both are a header naming vendor, product and event, followed by key=value pairs
 * with well-known keys. Each format supplies its key names per {@link Role}; the class is chosen from the keys
 * present, in the order DECODERS.md documents (detection words, URL, logon words, file, endpoints, else Base Event).
 */
final class KeyValueMapping {

    /** What a well-known key means, whatever a format calls it. */
    enum Role {
        SRC_IP, SRC_PORT, SRC_HOST, SRC_MAC, SRC_USER, SRC_USER_ID, SRC_PROCESS, SRC_PID,
        DST_IP, DST_PORT, DST_HOST, DST_MAC, DST_USER, DST_USER_ID, DST_PROCESS, DST_PID,
        ACTION, URL, METHOD, USER_AGENT, HTTP_STATUS, FILE_NAME, FILE_PATH, FILE_SIZE, FILE_HASH, MESSAGE, CATEGORY,
        PROTOCOL, BYTES_IN, BYTES_OUT, DEVICE_HOST, DEVICE_IP, OUTCOME, REASON, COUNT, EXTERNAL_ID, START, END,
        LOGIN_FLAG, LOGOUT_FLAG
    }

    /** The header fields both formats carry. */
    record Header(String logFormat, String vendor, String product, String version, String eventId, String name,
                  Severity severity, String rawSeverity) {
    }

    private static final Pattern DETECTION = Pattern.compile(
            "alert|attack|malware|virus|trojan|ransomware|intrusion|exploit|threat|detect|injection|backdoor|botnet"
                    + "|phishing|\\bc2\\b|\\bc&c\\b");
    private static final Pattern LOGON = Pattern.compile("log ?on|log ?in|sign ?in|authentica|log ?off|log ?out|sign ?out");
    private static final Pattern LOGOFF = Pattern.compile("log ?off|log ?out|sign ?out");
    private static final Pattern ALLOWED = Pattern.compile("allow|accept|permit|pass|success");
    private static final Pattern DENIED = Pattern.compile("den(y|ied)|drop|block|reject|refuse|prevent");

    private final Map<Role, List<String>> keys;

    KeyValueMapping(Map<Role, List<String>> keys) {
        this.keys = keys;
    }

    OcsfEvent map(Header header, SourceFields fields, Long time, String originalTime, Device fallbackDevice,
                  DecodeContext context, String raw) {
        String category = peek(fields, Role.CATEGORY);
        String classifying = ((category == null ? "" : category) + " " + (header.name() == null ? "" : header.name())
                + " " + (header.eventId() == null ? "" : header.eventId())).toLowerCase(Locale.ROOT);

        NetworkEndpoint src = endpoint(fields, Role.SRC_IP, Role.SRC_PORT, Role.SRC_HOST, Role.SRC_MAC);
        NetworkEndpoint dst = endpoint(fields, Role.DST_IP, Role.DST_PORT, Role.DST_HOST, Role.DST_MAC);
        User srcUser = user(fields, Role.SRC_USER, Role.SRC_USER_ID);
        User dstUser = user(fields, Role.DST_USER, Role.DST_USER_ID);
        ProcessInfo srcProcess = process(fields, Role.SRC_PROCESS, Role.SRC_PID);
        ProcessInfo dstProcess = process(fields, Role.DST_PROCESS, Role.DST_PID);
        FileInfo file = file(fields);
        String urlText = take(fields, Role.URL);
        String method = take(fields, Role.METHOD);
        String userAgent = take(fields, Role.USER_AGENT);
        Integer httpStatus = integer(fields, Role.HTTP_STATUS);
        String action = take(fields, Role.ACTION);
        String outcome = take(fields, Role.OUTCOME);
        String protocol = take(fields, Role.PROTOCOL);
        Long bytesIn = SourceFields.parseNumber(take(fields, Role.BYTES_IN));
        Long bytesOut = SourceFields.parseNumber(take(fields, Role.BYTES_OUT));
        boolean loginFlag = "true".equalsIgnoreCase(take(fields, Role.LOGIN_FLAG));
        boolean logoutFlag = "true".equalsIgnoreCase(take(fields, Role.LOGOUT_FLAG));
        String deviceHost = take(fields, Role.DEVICE_HOST);
        String deviceIp = take(fields, Role.DEVICE_IP);
        Device device = deviceHost != null || deviceIp != null
                ? new Device(deviceHost, null, deviceIp, null, null, 0, null) : fallbackDevice;
        String message = take(fields, Role.MESSAGE);
        String externalId = take(fields, Role.EXTERNAL_ID);
        Integer count = integer(fields, Role.COUNT);
        String reason = take(fields, Role.REASON);
        take(fields, Role.CATEGORY);

        Product product = new Product(header.product(), header.vendor(), header.version(), null);
        BaseAttributes.Builder base = BaseAttributes.builder()
                .severity(header.severity())
                .time(time)
                .startTime(SourceTimes.parse(take(fields, Role.START), context.sourceZone(), context.receivedAt()).orElse(null))
                .endTime(SourceTimes.parse(take(fields, Role.END), context.sourceZone(), context.receivedAt()).orElse(null))
                .count(count)
                .message(message != null ? message : header.name())
                .statusDetail(reason)
                .metadata(Completion.metadata(product, header.logFormat(), header.eventId(), null, externalId,
                        originalTime, context))
                .device(device);
        if (header.severity() == Severity.UNKNOWN && header.rawSeverity() != null) {
            fields.put("severity", header.rawSeverity());
        }
        if (outcome != null) {
            String o = outcome.toLowerCase(Locale.ROOT);
            base.statusId(o.startsWith("succ") || o.equals("allowed") ? 1 : o.startsWith("fail") || o.equals("denied") ? 2 : 99)
                    .status(o.startsWith("succ") || o.startsWith("fail") ? null : outcome);
        }
        if (action != null) {
            String a = action.toLowerCase(Locale.ROOT);
            base.action(action).actionId(DENIED.matcher(a).find() ? 2 : ALLOWED.matcher(a).find() ? 1 : 99);
        }
        User actingUser = srcUser != null ? srcUser : null;
        if (actingUser != null || srcProcess != null) {
            base.actor(Actor.of(actingUser, srcProcess));
        }
        ConnectionInfo connection = protocol == null ? null : new ConnectionInfo(0, null, protocol.toLowerCase(Locale.ROOT), null, null);
        NetworkTraffic traffic = bytesIn == null && bytesOut == null ? null
                : new NetworkTraffic(bytesIn, bytesOut, null, null, null, null);
        Url url = Url.parse(urlText);

        OcsfEvent draft;
        if (DETECTION.matcher(classifying).find()) {
            Evidence evidence = new Evidence(srcUser != null || srcProcess != null ? Actor.of(srcUser, srcProcess) : null,
                    src, dst, connection, file, dstProcess, dstUser, url, null,
                    method == null && userAgent == null ? null : new HttpRequest(method, url, userAgent, null, null, null),
                    null);
            boolean hasEvidence = src != null || dst != null || file != null || dstProcess != null || dstUser != null
                    || url != null || srcUser != null || srcProcess != null;
            FindingInfo info = new FindingInfo(header.eventId(), header.name(), message, category == null ? List.of() : List.of(category),
                    null, null, null, null, null);
            draft = new DetectionFinding(base.activityId(DetectionFinding.CREATE).build(), info,
                    hasEvidence ? List.of(evidence) : List.of(), List.of(), true, null);
        } else if (url != null || method != null) {
            HttpRequest request = new HttpRequest(method, url, userAgent, null, null, null);
            draft = new HttpActivity(base.activityId(HttpActivity.activityOf(method)).build(), src, dst, connection, traffic,
                    request, httpStatus == null ? null : new HttpResponse(httpStatus, null, null, null, null), httpStatus);
        } else if (loginFlag || logoutFlag || LOGON.matcher(classifying).find()) {
            boolean logoff = logoutFlag || (!loginFlag && LOGOFF.matcher(classifying).find());
            User user = dstUser != null ? dstUser : srcUser;
            draft = new Authentication(base.activityId(logoff ? Authentication.LOGOFF : Authentication.LOGON).build(), user,
                    src, dst, null, null, null, null, null, null, null);
        } else if (file != null) {
            draft = new FileSystemActivity(base.activityId(fileActivity(classifying + " " + lower(action))).build(), file, null);
        } else if (src != null || dst != null) {
            String a = lower(action);
            int activity = DENIED.matcher(a).find() ? NetworkActivity.REFUSE : NetworkActivity.TRAFFIC;
            draft = new NetworkActivity(base.activityId(activity).build(), src, dst, connection, traffic, null);
        } else {
            draft = new BaseEvent(base.activityId(BaseEvent.UNKNOWN).build());
        }
        return Completion.finish(draft, fields, context, raw);
    }

    private static int fileActivity(String words) {
        if (words.contains("delet") || words.contains("remov")) {
            return FileSystemActivity.DELETE;
        }
        if (words.contains("renam") || words.contains("move")) {
            return FileSystemActivity.RENAME;
        }
        if (words.contains("creat") || words.contains("upload")) {
            return FileSystemActivity.CREATE;
        }
        if (words.contains("modif") || words.contains("writ") || words.contains("updat")) {
            return FileSystemActivity.UPDATE;
        }
        if (words.contains("read") || words.contains("download") || words.contains("access")) {
            return FileSystemActivity.READ;
        }
        return 0;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private NetworkEndpoint endpoint(SourceFields fields, Role ip, Role port, Role host, Role mac) {
        String address = take(fields, ip);
        Integer number = integer(fields, port);
        String hostname = take(fields, host);
        String macAddress = take(fields, mac);
        if (address == null && number == null && hostname == null && macAddress == null) {
            return null;
        }
        return new NetworkEndpoint(address, number, hostname, null, macAddress, null, null, null);
    }

    private User user(SourceFields fields, Role name, Role uid) {
        String userName = take(fields, name);
        String userId = take(fields, uid);
        if (userName == null && userId == null) {
            return null;
        }
        String domain = null;
        if (userName != null && userName.contains("\\")) {
            domain = userName.substring(0, userName.indexOf('\\'));
            userName = userName.substring(userName.indexOf('\\') + 1);
        }
        return User.of(userName, domain, userId);
    }

    private ProcessInfo process(SourceFields fields, Role name, Role pid) {
        String processName = take(fields, name);
        Integer id = integer(fields, pid);
        if (processName == null && id == null) {
            return null;
        }
        return new ProcessInfo(id, null, processName, null, null, null, null, null, null, null, null, null);
    }

    private FileInfo file(SourceFields fields) {
        String name = take(fields, Role.FILE_NAME);
        String path = take(fields, Role.FILE_PATH);
        Long size = SourceFields.parseNumber(take(fields, Role.FILE_SIZE));
        String hash = take(fields, Role.FILE_HASH);
        if (name == null && path == null) {
            if (hash != null) {
                fields.put("fileHash", hash);
            }
            return null;
        }
        String fullPath = path;
        if (path != null && name != null && !path.endsWith(name)) {
            fullPath = path.endsWith("/") || path.endsWith("\\") ? path + name : path;
        }
        List<Fingerprint> hashes = hash == null ? List.of() : List.of(fingerprint(hash));
        return new FileInfo(name != null ? name : FileInfo.nameOf(path), fullPath, 1, hashes, size, null, null,
                null, null, null, null, null);
    }

    /** A hash of unknown algorithm, recognised by its length. */
    static Fingerprint fingerprint(String hex) {
        return switch (hex.length()) {
            case 32 -> new Fingerprint(1, "MD5", hex);
            case 40 -> new Fingerprint(2, "SHA-1", hex);
            case 64 -> new Fingerprint(3, "SHA-256", hex);
            case 128 -> new Fingerprint(4, "SHA-512", hex);
            default -> new Fingerprint(0, "Unknown", hex);
        };
    }

    private String peek(SourceFields fields, Role role) {
        for (String key : keys.getOrDefault(role, List.of())) {
            String value = fields.peek(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private String take(SourceFields fields, Role role) {
        List<String> names = keys.getOrDefault(role, List.of());
        return names.isEmpty() ? null : fields.text(names.toArray(String[]::new));
    }

    private Integer integer(SourceFields fields, Role role) {
        Long value = SourceFields.parseNumber(take(fields, role));
        return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
    }
}
