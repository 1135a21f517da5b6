package org.finres.events.internal.decode;

import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.Device;
import org.finres.events.EventDecoder;
import org.finres.events.InputFormat;
import org.finres.events.Severity;
import org.finres.events.internal.decode.KeyValueMapping.Role;

import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IBM QRadar's Log Event Extended Format. LEEF 1.0: {@code LEEF:1.0|Vendor|Product|Version|EventID|} then attributes
 * separated by tabs. LEEF 2.0 adds a sixth header field naming the delimiter, as a character ({@code ^}) or in hex
 * ({@code x09}, {@code 0x5E}); when it is missing the delimiter is a tab. Attributes split at their first {@code =}, so
 * values may contain {@code =}; a backslash before the delimiter keeps it inside a value. {@code devTime} is read with
 * {@code devTimeFormat} (a Java date pattern) when one is given.
 */
public final class LeefDecoder implements EventDecoder {

    private static final Pattern DELIMITER = Pattern.compile("(?i).|\\\\t|0?x[0-9a-f]{2,4}");

    private static final KeyValueMapping MAPPING = new KeyValueMapping(Map.ofEntries(
            Map.entry(Role.SRC_IP, List.of("src")), Map.entry(Role.SRC_PORT, List.of("srcPort")),
            Map.entry(Role.SRC_HOST, List.of("srcHostName", "srcHost")), Map.entry(Role.SRC_MAC, List.of("srcMAC")),
            Map.entry(Role.SRC_USER, List.of("usrName", "accountName")),
            Map.entry(Role.DST_IP, List.of("dst")), Map.entry(Role.DST_PORT, List.of("dstPort")),
            Map.entry(Role.DST_HOST, List.of("dstHostName", "dstHost")), Map.entry(Role.DST_MAC, List.of("dstMAC")),
            Map.entry(Role.ACTION, List.of("action")), Map.entry(Role.URL, List.of("url")),
            Map.entry(Role.METHOD, List.of("method", "httpMethod")), Map.entry(Role.USER_AGENT, List.of("userAgent")),
            Map.entry(Role.FILE_NAME, List.of("fileName")), Map.entry(Role.FILE_PATH, List.of("filePath")),
            Map.entry(Role.FILE_SIZE, List.of("fileSize")), Map.entry(Role.FILE_HASH, List.of("fileHash")),
            Map.entry(Role.MESSAGE, List.of("msg", "message")), Map.entry(Role.CATEGORY, List.of("cat")),
            Map.entry(Role.PROTOCOL, List.of("proto")), Map.entry(Role.BYTES_IN, List.of("dstBytes")),
            Map.entry(Role.BYTES_OUT, List.of("srcBytes")), Map.entry(Role.DEVICE_HOST, List.of("devName")),
            Map.entry(Role.OUTCOME, List.of("outcome")), Map.entry(Role.REASON, List.of("reason")),
            Map.entry(Role.LOGIN_FLAG, List.of("isLoginEvent")), Map.entry(Role.LOGOUT_FLAG, List.of("isLogoutEvent"))));

    @Override
    public InputFormat format() {
        return InputFormat.LEEF;
    }

    @Override
    public Decoding decode(byte[] input, DecodeContext context) {
        return PrefixedRecords.decode(input, context, "LEEF:", (record, ctx) -> decodeMessage(record, ctx, null, null, record));
    }

    Decoding decodeMessage(String message, DecodeContext context, Device fallbackDevice, Long fallbackTime, String raw) {
        String text = message.stripLeading();
        while (text.endsWith("\n") || text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.startsWith("LEEF:")) {
            return Decoding.Undecodable.of("not LEEF: does not start with 'LEEF:'", text);
        }
        List<String> header = new ArrayList<>(6);
        StringBuilder field = new StringBuilder();
        int i = 5;
        int wanted = 5;
        for (; i < text.length() && header.size() < wanted; i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '|') {
                field.append(text.charAt(++i));
            } else if (ch == '|') {
                header.add(field.toString());
                field.setLength(0);
                if (header.size() == 1 && header.get(0).strip().startsWith("2")) {
                    wanted = 6;
                }
            } else {
                field.append(ch);
            }
        }
        String version = header.isEmpty() ? field.toString().strip() : header.get(0).strip();
        if (!version.startsWith("1") && !version.startsWith("2")) {
            return Decoding.Undecodable.of("unsupported LEEF version '" + version + "'", text);
        }
        if (header.size() < 5) {
            return Decoding.Undecodable.of("LEEF header has " + header.size() + " of 5 fields", text);
        }
        // A LEEF 2.0 header without delimiter field and without a later pipe leaves the attributes in the buffer.
        String attributes = header.size() == wanted ? text.substring(i) : field.toString();
        String delimiter = "\t";
        if (header.size() == 6) {
            String spec = header.get(5);
            if (spec.isEmpty()) {
                delimiter = "\t";
            } else if (DELIMITER.matcher(spec).matches()) {
                delimiter = delimiterOf(spec);
            } else {
                // No delimiter field: what we took for it is the first attribute.
                attributes = spec + "|" + attributes;
            }
        }
        Map<String, Object> pairs = new LinkedHashMap<>();
        if (!attributes.contains(delimiter) && delimiter.equals("\t") && attributes.contains("\\t")) {
            delimiter = "\\t";
        }
        if (!attributes.contains(delimiter) && countEquals(attributes) > 1) {
            // Some producers separate LEEF attributes with spaces; read those the way CEF is read.
            CefDecoder.parseExtension(attributes, pairs);
        } else {
            split(attributes, delimiter, pairs);
        }
        SourceFields fields = new SourceFields(pairs);
        String rawSeverity = fields.text("sev");
        Severity severity = SeverityScales.tenPoint(rawSeverity);
        String timeText = fields.peek("devTime");
        Long time = devTime(timeText, fields.peek("devTimeFormat"), context);
        if (time != null) {
            fields.text("devTime");
            fields.text("devTimeFormat");
        }
        KeyValueMapping.Header h = new KeyValueMapping.Header("LEEF:" + version, SourceText.clean(header.get(1)),
                SourceText.clean(header.get(2)), SourceText.clean(header.get(3)), SourceText.clean(header.get(4)),
                SourceText.clean(header.get(4)), severity, rawSeverity);
        return Decoding.Decoded.of(MAPPING.map(h, fields, time != null ? time : fallbackTime,
                time != null ? timeText : null, fallbackDevice, context, raw));
    }

    private static String delimiterOf(String spec) {
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("\\t")) {
            return "\t";
        }
        if (s.length() > 1 && (s.startsWith("x") || s.startsWith("0x"))) {
            return String.valueOf((char) Integer.parseInt(s.substring(s.indexOf('x') + 1), 16));
        }
        return spec;
    }

    private static int countEquals(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '=') {
                count++;
            }
        }
        return count;
    }

    private static void split(String attributes, String delimiter, Map<String, Object> into) {
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < attributes.length()) {
            if (attributes.charAt(i) == '\\' && attributes.startsWith(delimiter, i + 1)) {
                current.append(delimiter);
                i += 1 + delimiter.length();
            } else if (attributes.startsWith(delimiter, i)) {
                add(current.toString(), into);
                current.setLength(0);
                i += delimiter.length();
            } else {
                current.append(attributes.charAt(i++));
            }
        }
        add(current.toString(), into);
    }

    private static void add(String attribute, Map<String, Object> into) {
        int eq = attribute.indexOf('=');
        if (eq <= 0) {
            if (!attribute.isBlank()) {
                into.merge("attributes", attribute.strip(), (a, b) -> a + " " + b);
            }
            return;
        }
        into.put(attribute.substring(0, eq).strip(), attribute.substring(eq + 1).strip());
    }

    private static Long devTime(String value, String pattern, DecodeContext context) {
        if (value == null) {
            return null;
        }
        if (pattern != null && pattern.length() <= 64) {
            try {
                DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(context.sourceZone());
                return ZonedDateTime.parse(value, format).toInstant().toEpochMilli();
            } catch (IllegalArgumentException | DateTimeException e) {
                // A pattern Java reads differently from the source (or a value that does not follow it): try our own.
            }
        }
        return SourceTimes.parse(value, context.sourceZone(), context.receivedAt()).orElse(null);
    }
}
