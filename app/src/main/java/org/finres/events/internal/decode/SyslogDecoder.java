package org.finres.events.internal.decode;

import org.finres.events.BaseAttributes;
import org.finres.events.BaseEvent;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.Device;
import org.finres.events.EventDecoder;
import org.finres.events.InputFormat;
import org.finres.events.OcsfEvent;
import org.finres.events.Product;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One syslog message, RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG}, with NILVALUE {@code -} and
 * a BOM before UTF-8 messages) or RFC 3164 ({@code <PRI>Mmm dd hh:mm:ss HOST TAG[pid]: MSG}, with or without year, with
 * fractions and zones some devices add). The message is decoded as CEF, LEEF or JSON when it is one, with the syslog
 * host and time as fallbacks; otherwise it becomes a Base Event carrying the text. Framing (octet counting, newlines)
 * is the transport's job: see {@code internal.framing}.
 */
public final class SyslogDecoder implements EventDecoder {

    private static final Pattern PRI = Pattern.compile("<(\\d{1,3})>");
    private static final Pattern VERSION = Pattern.compile("([1-9]\\d{0,2}) ");
    private static final Pattern TIMESTAMP_3164 = Pattern.compile(
            "(?:(?<bsd>[A-Za-z]{3} {1,2}\\d{1,2}(?: \\d{4})? \\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?"
                    + "(?: ?(?:Z|[+-]\\d{2}:?\\d{2}|UTC|GMT|CST))?)"
                    + "|(?<iso>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?))"
                    + ":?(?: |$)");
    private static final Pattern TAG = Pattern.compile("([^:\\[\\s]{1,48})(?:\\[([^\\]\\s]{0,128})\\])?: ?");
    private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
            "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1",
            "local2", "local3", "local4", "local5", "local6", "local7"};

    private final CefDecoder cef;
    private final LeefDecoder leef;
    private final BiFunction<String, DecodeContext, Decoding> json;

    /**
     * @param json decodes a JSON message body (the automatic decoder routes it to the OCSF, ECS or Windows decoder)
     */
    public SyslogDecoder(CefDecoder cef, LeefDecoder leef, BiFunction<String, DecodeContext, Decoding> json) {
        this.cef = cef;
        this.leef = leef;
        this.json = json;
    }

    @Override
    public InputFormat format() {
        return InputFormat.SYSLOG_RFC5424;
    }

    /** The parts of a syslog header, whichever RFC it followed. */
    private record Header(String format, Integer pri, Long time, String timeText, String hostname, String appName,
                          String procId, String msgId, Map<String, Object> structuredData, String message) {
    }

    @Override
    public Decoding decode(byte[] input, DecodeContext context) {
        if (input.length > context.maxInputBytes()) {
            return new Decoding.Undecodable("input of " + input.length + " bytes exceeds the limit of "
                    + context.maxInputBytes(), "");
        }
        String text = SourceText.of(input);
        // One message per call: a trailing newline is the framing's, inner newlines belong to the message.
        while (text.endsWith("\n") || text.endsWith("\r") || text.endsWith("\0")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            return Decoding.Undecodable.of("empty syslog message", text);
        }
        Object parsed = parse(text, context);
        if (parsed instanceof Decoding.Undecodable undecodable) {
            return undecodable;
        }
        Header header = (Header) parsed;
        String body = SourceText.stripBom(header.message() == null ? "" : header.message());
        Device device = header.hostname() == null ? null : Device.ofHostname(header.hostname());
        String trimmed = body.stripLeading();
        Decoding nested = null;
        if (trimmed.startsWith("CEF:")) {
            nested = cef.decodeMessage(trimmed, context, device, header.time(), text);
        } else if (trimmed.startsWith("LEEF:")) {
            nested = leef.decodeMessage(trimmed, context, device, header.time(), text);
        } else if (trimmed.startsWith("{")) {
            nested = json.apply(trimmed, context);
            if (nested instanceof Decoding.Decoded decoded && context.keepRaw()) {
                String raw = text;
                nested = new Decoding.Decoded(decoded.events().stream()
                        .map(e -> e.withBase(e.base().toBuilder().rawData(raw).build())).toList(), decoded.rejected());
            }
        }
        if (nested instanceof Decoding.Decoded) {
            return nested;
        }
        return Decoding.Decoded.of(plain(header, body, device, context, text));
    }

    private OcsfEvent plain(Header header, String body, Device device, DecodeContext context, String raw) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (header.pri() != null) {
            int facility = header.pri() >> 3;
            fields.put("facility", facility < FACILITIES.length ? FACILITIES[facility] : String.valueOf(facility));
            fields.put("syslog_severity", header.pri() & 7);
        }
        if (header.procId() != null) {
            fields.put("procid", header.procId());
        }
        if (header.msgId() != null) {
            fields.put("msgid", header.msgId());
        }
        if (!header.structuredData().isEmpty()) {
            fields.put("structured_data", header.structuredData());
        }
        BaseAttributes base = BaseAttributes.builder()
                .activityId(BaseEvent.UNKNOWN)
                .severity(header.pri() == null ? org.finres.events.Severity.UNKNOWN : SeverityScales.syslog(header.pri() & 7))
                .time(header.time())
                .message(body.isBlank() ? null : body)
                .device(device)
                .metadata(Completion.metadata(header.appName() == null ? null : Product.of(header.appName(), null),
                        header.format(), header.msgId(), null, null, header.timeText(), context))
                .build();
        return Completion.finish(new BaseEvent(base), new SourceFields(fields), context, raw);
    }

    /** A {@link Header}, or an {@link Decoding.Undecodable} saying what is wrong. */
    private Object parse(String text, DecodeContext context) {
        int at = 0;
        Integer pri = null;
        Matcher m = PRI.matcher(text);
        if (m.lookingAt()) {
            pri = Integer.parseInt(m.group(1));
            if (pri > 191) {
                return Decoding.Undecodable.of("syslog PRI " + pri + " is above 191", text);
            }
            at = m.end();
        } else if (text.startsWith("<")) {
            return Decoding.Undecodable.of("malformed syslog PRI", text);
        }
        Matcher version = VERSION.matcher(text).region(at, text.length());
        if (pri != null && version.lookingAt()) {
            return parse5424(text, version.end(), pri, context);
        }
        return parse3164(text, at, pri, context);
    }

    private Object parse5424(String text, int start, int pri, DecodeContext context) {
        int[] cursor = {start};
        String timestamp = token(text, cursor);
        String hostname = token(text, cursor);
        String appName = token(text, cursor);
        String procId = token(text, cursor);
        String msgId = token(text, cursor);
        if (msgId == null) {
            return Decoding.Undecodable.of("RFC 5424 header is incomplete", text);
        }
        Map<String, Object> sd = new LinkedHashMap<>();
        int at = cursor[0];
        if (at >= text.length()) {
            return Decoding.Undecodable.of("RFC 5424 message lacks STRUCTURED-DATA", text);
        }
        if (text.charAt(at) == '-') {
            at++;
        } else if (text.charAt(at) == '[') {
            at = structuredData(text, at, sd);
            if (at < 0) {
                return Decoding.Undecodable.of("malformed RFC 5424 STRUCTURED-DATA", text);
            }
        } else {
            return Decoding.Undecodable.of("RFC 5424 STRUCTURED-DATA must be '-' or start with '['", text);
        }
        String message = null;
        if (at < text.length()) {
            if (text.charAt(at) != ' ') {
                return Decoding.Undecodable.of("RFC 5424 STRUCTURED-DATA must be followed by a space", text);
            }
            message = text.substring(at + 1);
        }
        String timeText = nil(timestamp);
        Long time = SourceTimes.parse(timeText, context.sourceZone(), context.receivedAt()).orElse(null);
        if (timeText != null && time == null) {
            return Decoding.Undecodable.of("RFC 5424 TIMESTAMP '" + timeText + "' is not RFC 3339", text);
        }
        return new Header("RFC5424", pri, time, timeText, nil(hostname), nil(appName), nil(procId), nil(msgId), sd, message);
    }

    private Object parse3164(String text, int start, Integer pri, DecodeContext context) {
        Matcher ts = TIMESTAMP_3164.matcher(text).region(start, text.length());
        if (!ts.lookingAt()) {
            if (pri == null) {
                return Decoding.Undecodable.of("not syslog: neither PRI nor timestamp", text);
            }
            // RFC 3164 section 4.3.3: without a valid timestamp the whole remainder is the message.
            return new Header("RFC3164", pri, null, null, null, null, null, null, Map.of(), text.substring(start));
        }
        String timeText = ts.group("bsd") != null ? ts.group("bsd") : ts.group("iso");
        Long time = SourceTimes.parse(timeText, context.sourceZone(), context.receivedAt()).orElse(null);
        String rest = text.substring(ts.end());
        String hostname = null;
        if (!rest.startsWith("CEF:") && !rest.startsWith("LEEF:")) {
            int space = rest.indexOf(' ');
            String first = space < 0 ? rest : rest.substring(0, space);
            boolean looksLikeTag = first.endsWith(":") || first.contains("[");
            if (!looksLikeTag && space > 0) {
                hostname = first;
                rest = rest.substring(space + 1);
            }
        }
        String appName = null;
        String procId = null;
        if (!rest.startsWith("CEF:") && !rest.startsWith("LEEF:") && !rest.startsWith("{")) {
            Matcher tag = TAG.matcher(rest);
            if (tag.lookingAt()) {
                appName = tag.group(1);
                procId = tag.group(2) == null || tag.group(2).isEmpty() ? null : tag.group(2);
                rest = rest.substring(tag.end());
            }
        }
        return new Header("RFC3164", pri, time, timeText, hostname, appName, procId, null, Map.of(), rest);
    }

    private static String token(String text, int[] cursor) {
        int at = cursor[0];
        if (at >= text.length()) {
            return null;
        }
        int space = text.indexOf(' ', at);
        if (space < 0) {
            return null;
        }
        cursor[0] = space + 1;
        return text.substring(at, space);
    }

    private static String nil(String value) {
        return value == null || value.equals("-") || value.isEmpty() ? null : value;
    }

    /** Parses {@code [id name="value" ...]...} into a map of maps; answers the end offset, or -1 when malformed. */
    static int structuredData(String text, int at, Map<String, Object> into) {
        int i = at;
        while (i < text.length() && text.charAt(i) == '[') {
            i++;
            int idEnd = i;
            while (idEnd < text.length() && text.charAt(idEnd) != ' ' && text.charAt(idEnd) != ']') {
                idEnd++;
            }
            if (idEnd >= text.length() || idEnd == i) {
                return -1;
            }
            String id = text.substring(i, idEnd);
            Map<String, Object> params = new LinkedHashMap<>();
            i = idEnd;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
                int eq = text.indexOf('=', i);
                if (eq < 0 || eq == i || eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
                    return -1;
                }
                String name = text.substring(i, eq);
                if (name.contains(" ") || name.contains("]")) {
                    return -1;
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                boolean closed = false;
                for (; j < text.length(); j++) {
                    char ch = text.charAt(j);
                    if (ch == '\\' && j + 1 < text.length()
                            && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\\' || text.charAt(j + 1) == ']')) {
                        value.append(text.charAt(++j));
                    } else if (ch == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(ch);
                    }
                }
                if (!closed) {
                    return -1;
                }
                Object previous = params.get(name);
                if (previous == null) {
                    params.put(name, value.toString());
                } else {
                    // RFC 5424 allows a parameter name to repeat within one element.
                    List<Object> values = previous instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(previous));
                    values.add(value.toString());
                    params.put(name, values);
                }
                i = j + 1;
            }
            if (i >= text.length() || text.charAt(i) != ']') {
                return -1;
            }
            i++;
            into.put(id, params);
        }
        return i;
    }
}
