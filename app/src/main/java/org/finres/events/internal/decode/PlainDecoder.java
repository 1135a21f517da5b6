package org.finres.events.internal.decode;

import org.finres.events.BaseAttributes;
import org.finres.events.BaseEvent;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.EventDecoder;
import org.finres.events.InputFormat;
import org.finres.events.OcsfJson;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What no specific decoder claims: a line of text becomes a Base Event whose message is the text; a JSON object of
 * unknown shape becomes a Base Event with all its fields under {@code unmapped}, its time and message taken from the
 * usual field names when present. Nothing the institution sent is thrown away, and detection can still match it.
 */
public final class PlainDecoder implements EventDecoder {

    private static final int MAX_MESSAGE = 64 * 1024;

    @Override
    public InputFormat format() {
        return InputFormat.PLAIN_TEXT;
    }

    @Override
    public Decoding decode(byte[] input, DecodeContext context) {
        if (input.length > context.maxInputBytes()) {
            return new Decoding.Undecodable("input of " + input.length + " bytes exceeds the limit of "
                    + context.maxInputBytes(), "");
        }
        String text = SourceText.of(input).strip();
        if (text.isEmpty()) {
            return Decoding.Undecodable.of("empty input", text);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        String message = text;
        if (text.length() > MAX_MESSAGE) {
            message = text.substring(0, MAX_MESSAGE);
            fields.put("message_truncated_from", text.length());
        }
        BaseAttributes base = BaseAttributes.builder()
                .activityId(BaseEvent.UNKNOWN)
                .message(message)
                .metadata(Completion.metadata(null, "text", null, null, null, null, context))
                .build();
        return Decoding.Decoded.of(Completion.finish(new BaseEvent(base), new SourceFields(fields), context, text));
    }

    /** A JSON object of no known shape. */
    public Decoding decodeJson(JsonNode node, DecodeContext context, String raw) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (var property : node.properties()) {
            all.put(property.getKey(), OcsfJson.mapper().convertValue(property.getValue(), Object.class));
        }
        SourceFields fields = new SourceFields(all);
        Long time = null;
        String timeText = null;
        for (String key : List.of("@timestamp", "timestamp", "time", "eventTime", "date")) {
            String candidate = fields.peek(key);
            time = SourceTimes.parse(candidate, context.sourceZone(), context.receivedAt()).orElse(null);
            if (time != null) {
                timeText = fields.text(key);
                break;
            }
        }
        String message = fields.text("message", "msg");
        BaseAttributes base = BaseAttributes.builder()
                .activityId(BaseEvent.UNKNOWN)
                .severity(SeverityScales.word(fields.peek("level") != null ? fields.peek("level") : fields.peek("severity")))
                .time(time)
                .message(message)
                .metadata(Completion.metadata(null, "json", null, null, null, timeText, context))
                .build();
        return Decoding.Decoded.of(Completion.finish(new BaseEvent(base), fields, context, raw));
    }
}
