package org.finres.events;

import org.finres.events.internal.decode.EcsDecoder;
import org.finres.events.internal.decode.OcsfJsonDecoder;
import org.finres.events.internal.decode.WindowsEventDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Guesses the format of an input line or document from its first bytes (and, for JSON, from the fields of its first
 * object), so a listener or an upload can accept mixed sources without being told. A guess, not a validation: the
 * decoder chosen still refuses what it cannot read.
 */
public final class FormatSniffer {

    private static final int HEAD = 4096;
    // What follows the first document (more documents) is none of the sniffer's business.
    private static final tools.jackson.databind.json.JsonMapper FIRST_DOCUMENT = tools.jackson.databind.json.JsonMapper
            .builder().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern PRI = Pattern.compile("<\\d{1,3}>");
    private static final Pattern RFC5424 = Pattern.compile("<\\d{1,3}>[1-9]\\d{0,2} .*", Pattern.DOTALL);
    private static final Pattern BSD_TIME = Pattern.compile("[A-Z][a-z]{2} {1,2}\\d{1,2} (\\d{4} )?\\d{1,2}:\\d{2}:\\d{2}.*",
            Pattern.DOTALL);
    private static final Pattern ISO_TIME_AND_HOST = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\S* \\S+ .*",
            Pattern.DOTALL);

    private FormatSniffer() {
    }

    public static InputFormat sniff(byte[] input) {
        int length = Math.min(input.length, HEAD);
        String head = new String(input, 0, length, StandardCharsets.UTF_8);
        InputFormat format = sniffHead(head);
        if (format == InputFormat.OTHER_JSON) {
            return sniffJson(new String(input, StandardCharsets.UTF_8));
        }
        return format;
    }

    public static InputFormat sniff(String input) {
        InputFormat format = sniffHead(input.length() > HEAD ? input.substring(0, HEAD) : input);
        return format == InputFormat.OTHER_JSON ? sniffJson(input) : format;
    }

    private static InputFormat sniffHead(String raw) {
        String head = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        head = head.stripLeading();
        if (head.isEmpty() || binary(head)) {
            return InputFormat.UNKNOWN;
        }
        if (head.startsWith("CEF:")) {
            return InputFormat.CEF;
        }
        if (head.startsWith("LEEF:")) {
            return InputFormat.LEEF;
        }
        if (head.startsWith("{") || head.startsWith("[")) {
            return InputFormat.OTHER_JSON;
        }
        if (PRI.matcher(head).lookingAt()) {
            return RFC5424.matcher(head).matches() ? InputFormat.SYSLOG_RFC5424 : InputFormat.SYSLOG_RFC3164;
        }
        if (BSD_TIME.matcher(head).matches() || ISO_TIME_AND_HOST.matcher(head).matches()) {
            return InputFormat.SYSLOG_RFC3164;
        }
        return InputFormat.PLAIN_TEXT;
    }

    /** Reads only the first JSON value, so sniffing a large file stays cheap. */
    private static InputFormat sniffJson(String text) {
        JsonNode first;
        try (JsonParser parser = FIRST_DOCUMENT.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                return InputFormat.PLAIN_TEXT;
            }
            if (token == JsonToken.START_ARRAY) {
                token = parser.nextToken();
                if (token != JsonToken.START_OBJECT) {
                    return InputFormat.OTHER_JSON;
                }
            }
            first = FIRST_DOCUMENT.readTree(parser);
        } catch (JacksonException e) {
            return InputFormat.OTHER_JSON;
        }
        if (OcsfJsonDecoder.isOcsf(first)) {
            return InputFormat.OCSF_JSON;
        }
        if (WindowsEventDecoder.isWindowsEvent(first)) {
            return InputFormat.WINDOWS_EVENT_JSON;
        }
        if (EcsDecoder.isEcs(first)) {
            return InputFormat.ECS_JSON;
        }
        return InputFormat.OTHER_JSON;
    }

    /** NUL or mostly control characters: not a log line. */
    private static boolean binary(String head) {
        int control = 0;
        for (int i = 0; i < head.length(); i++) {
            char ch = head.charAt(i);
            if (ch == 0) {
                return true;
            }
            if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') {
                control++;
            }
        }
        return control * 10 > head.length();
    }
}
