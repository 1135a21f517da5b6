package org.finres.events.internal.decode;

import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.Device;
import org.finres.events.EventDecoder;
import org.finres.events.InputFormat;
import org.finres.events.Severity;
import org.finres.events.internal.decode.KeyValueMapping.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ArcSight Common Event Format: {@code CEF:Version|Vendor|Product|Version|Signature ID|Name|Severity|Extension}. The
 * header escapes {@code \|} and {@code \\}; the extension is key=value pairs separated by spaces, where values may
 * contain spaces and escape {@code \=}, {@code \\}, {@code \n} and {@code \r}. A value ends where the next
 * {@code key=} begins, which is how CEF itself defines it.
 */
public final class CefDecoder implements EventDecoder {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\[\\]-]+");

    /** CEF's long key names, which producers may use instead of the short ones. */
    private static final Map<String, String> LONG_NAMES = Map.ofEntries(
            Map.entry("sourceAddress", "src"), Map.entry("destinationAddress", "dst"),
            Map.entry("sourcePort", "spt"), Map.entry("destinationPort", "dpt"),
            Map.entry("sourceUserName", "suser"), Map.entry("destinationUserName", "duser"),
            Map.entry("sourceUserId", "suid"), Map.entry("destinationUserId", "duid"),
            Map.entry("sourceHostName", "shost"), Map.entry("destinationHostName", "dhost"),
            Map.entry("sourceMacAddress", "smac"), Map.entry("destinationMacAddress", "dmac"),
            Map.entry("sourceProcessName", "sproc"), Map.entry("destinationProcessName", "dproc"),
            Map.entry("sourceProcessId", "spid"), Map.entry("destinationProcessId", "dpid"),
            Map.entry("deviceAction", "act"), Map.entry("requestUrl", "request"), Map.entry("fileName", "fname"),
            Map.entry("fileSize", "fsize"), Map.entry("message", "msg"), Map.entry("deviceReceiptTime", "rt"),
            Map.entry("startTime", "start"), Map.entry("endTime", "end"), Map.entry("deviceEventCategory", "cat"),
            Map.entry("transportProtocol", "proto"), Map.entry("bytesIn", "in"), Map.entry("bytesOut", "out"),
            Map.entry("deviceHostName", "dvchost"), Map.entry("deviceAddress", "dvc"),
            Map.entry("eventOutcome", "outcome"), Map.entry("baseEventCount", "cnt"));

    private static final List<String> CUSTOM = List.of("cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cn1", "cn2", "cn3",
            "cfp1", "cfp2", "cfp3", "cfp4", "c6a1", "c6a2", "c6a3", "c6a4", "flexString1", "flexString2",
            "flexNumber1", "flexNumber2", "deviceCustomDate1", "deviceCustomDate2", "flexDate1");

    private static final KeyValueMapping MAPPING = new KeyValueMapping(Map.ofEntries(
            Map.entry(Role.SRC_IP, List.of("src")), Map.entry(Role.SRC_PORT, List.of("spt")),
            Map.entry(Role.SRC_HOST, List.of("shost")), Map.entry(Role.SRC_MAC, List.of("smac")),
            Map.entry(Role.SRC_USER, List.of("suser")), Map.entry(Role.SRC_USER_ID, List.of("suid")),
            Map.entry(Role.SRC_PROCESS, List.of("sproc")), Map.entry(Role.SRC_PID, List.of("spid")),
            Map.entry(Role.DST_IP, List.of("dst")), Map.entry(Role.DST_PORT, List.of("dpt")),
            Map.entry(Role.DST_HOST, List.of("dhost")), Map.entry(Role.DST_MAC, List.of("dmac")),
            Map.entry(Role.DST_USER, List.of("duser")), Map.entry(Role.DST_USER_ID, List.of("duid")),
            Map.entry(Role.DST_PROCESS, List.of("dproc")), Map.entry(Role.DST_PID, List.of("dpid")),
            Map.entry(Role.ACTION, List.of("act")), Map.entry(Role.URL, List.of("request")),
            Map.entry(Role.METHOD, List.of("requestMethod")),
            Map.entry(Role.USER_AGENT, List.of("requestClientApplication")),
            Map.entry(Role.FILE_NAME, List.of("fname")), Map.entry(Role.FILE_PATH, List.of("filePath")),
            Map.entry(Role.FILE_SIZE, List.of("fsize")), Map.entry(Role.FILE_HASH, List.of("fileHash")),
            Map.entry(Role.MESSAGE, List.of("msg")), Map.entry(Role.CATEGORY, List.of("cat")),
            Map.entry(Role.PROTOCOL, List.of("proto")), Map.entry(Role.BYTES_IN, List.of("in")),
            Map.entry(Role.BYTES_OUT, List.of("out")), Map.entry(Role.DEVICE_HOST, List.of("dvchost")),
            Map.entry(Role.DEVICE_IP, List.of("dvc")), Map.entry(Role.OUTCOME, List.of("outcome")),
            Map.entry(Role.REASON, List.of("reason")), Map.entry(Role.COUNT, List.of("cnt")),
            Map.entry(Role.EXTERNAL_ID, List.of("externalId")), Map.entry(Role.START, List.of("start")),
            Map.entry(Role.END, List.of("end"))));

    @Override
    public InputFormat format() {
        return InputFormat.CEF;
    }

    @Override
    public Decoding decode(byte[] input, DecodeContext context) {
        return PrefixedRecords.decode(input, context, "CEF:", (record, ctx) -> decodeMessage(record, ctx, null, null, record));
    }

    /** Decodes a CEF message, possibly found inside syslog, whose header supplies the fallbacks. */
    Decoding decodeMessage(String message, DecodeContext context, Device fallbackDevice, Long fallbackTime, String raw) {
        String text = message.strip();
        if (!text.startsWith("CEF:")) {
            return Decoding.Undecodable.of("not CEF: does not start with 'CEF:'", text);
        }
        List<String> header = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        int i = 4;
        for (; i < text.length() && header.size() < 7; i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '|' || text.charAt(i + 1) == '\\')) {
                field.append(text.charAt(++i));
            } else if (ch == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        String extension;
        if (header.size() == 7) {
            extension = text.substring(i);
        } else if (header.size() == 6) {
            header.add(field.toString()); // the trailing pipe is missing when there is no extension
            extension = "";
        } else {
            return Decoding.Undecodable.of("CEF header has " + (header.size() + 1) + " of 8 fields", text);
        }
        Map<String, Object> pairs = new LinkedHashMap<>();
        parseExtension(extension, pairs);
        SourceFields fields = new SourceFields(canonical(pairs));
        String rawSeverity = SourceText.clean(header.get(6));
        Severity severity = SeverityScales.tenPoint(rawSeverity);
        String timeText = fields.peek("rt");
        Long time = SourceTimes.parse(timeText, context.sourceZone(), context.receivedAt()).orElse(null);
        if (time != null) {
            fields.text("rt");
        }
        KeyValueMapping.Header h = new KeyValueMapping.Header("CEF:" + header.get(0).strip(),
                SourceText.clean(header.get(1)), SourceText.clean(header.get(2)), SourceText.clean(header.get(3)),
                SourceText.clean(header.get(4)), SourceText.clean(header.get(5)), severity, rawSeverity);
        return Decoding.Decoded.of(MAPPING.map(h, fields, time != null ? time : fallbackTime,
                time != null ? timeText : null, fallbackDevice, context, raw));
    }

    /**
     * Splits a CEF extension into its pairs. Each unescaped {@code =} preceded by a well-formed key starts a new pair;
     * one preceded by anything else (a URL's query, say) belongs to the current value.
     */
    static void parseExtension(String extension, Map<String, Object> into) {
        int n = extension.length();
        int keyStart = 0;
        while (keyStart < n && Character.isWhitespace(extension.charAt(keyStart))) {
            keyStart++;
        }
        if (keyStart >= n) {
            return;
        }
        int eq = nextEquals(extension, keyStart);
        if (eq < 0 || !KEY.matcher(extension.substring(keyStart, eq)).matches()) {
            into.put("extension", unescape(extension.substring(keyStart).strip()));
            return;
        }
        while (eq >= 0) {
            String key = extension.substring(keyStart, eq);
            int valueStart = eq + 1;
            int search = valueStart;
            int valueEnd = n;
            int nextKeyStart = -1;
            int nextEq = -1;
            while (true) {
                int candidate = nextEquals(extension, search);
                if (candidate < 0) {
                    break;
                }
                int space = lastWhitespace(extension, valueStart, candidate);
                if (space >= valueStart && KEY.matcher(extension.substring(space + 1, candidate)).matches()) {
                    valueEnd = space;
                    nextKeyStart = space + 1;
                    nextEq = candidate;
                    break;
                }
                search = candidate + 1;
            }
            into.put(key, unescape(stripTrailing(extension.substring(valueStart, valueEnd))));
            keyStart = nextKeyStart;
            eq = nextEq;
        }
    }

    private static int nextEquals(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '=') {
                return i;
            }
        }
        return -1;
    }

    private static int lastWhitespace(String text, int from, int before) {
        for (int i = before - 1; i >= from; i--) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static String stripTrailing(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            // An escaped trailing space is part of the value.
            if (end >= 2 && value.charAt(end - 2) == '\\') {
                break;
            }
            end--;
        }
        return value.substring(0, end);
    }

    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case '=', '\\', '|' -> out.append(next);
                    default -> out.append('\\').append(next);
                }
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** Long key names to short ones, and custom fields renamed after their labels. */
    private static Map<String, Object> canonical(Map<String, Object> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        pairs.forEach((key, value) -> out.put(LONG_NAMES.getOrDefault(key, key), value));
        for (String custom : CUSTOM) {
            String longName = longCustomName(custom);
            for (String name : List.of(custom, longName)) {
                Object label = out.get(name + "Label");
                if (out.containsKey(name) && label instanceof String text && !text.isBlank()
                        && !out.containsKey(text.strip())) {
                    Object value = out.remove(name);
                    out.remove(name + "Label");
                    out.put(text.strip(), value);
                }
            }
        }
        return out;
    }

    private static String longCustomName(String shortName) {
        String digit = shortName.substring(shortName.length() - 1);
        if (shortName.startsWith("cs")) {
            return "deviceCustomString" + digit;
        }
        if (shortName.startsWith("cn")) {
            return "deviceCustomNumber" + digit;
        }
        if (shortName.startsWith("cfp")) {
            return "deviceCustomFloatingPoint" + digit;
        }
        if (shortName.startsWith("c6a")) {
            return "deviceCustomIPv6Address" + digit;
        }
        return shortName;
    }
}
