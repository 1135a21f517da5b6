package org.finres.events.internal.decode;

import org.finres.events.Decoding.Undecodable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON objects from text holding one object, a top-level array of them, JSON Lines, or objects simply written
 * one after another (as evtx dumps are). A broken document does not end the read: reading resumes at the next line, so
 * one bad line in a JSON Lines file costs that line only.
 */
public final class JsonDocuments {

    /** One JSON object and the exact text it was read from. */
    public record Document(JsonNode node, String text) {
    }

    public record Result(List<Document> documents, List<Undecodable> rejected) {
    }

    // Trailing tokens are the next documents here, not an error.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final int MAX_REJECTS = 100;

    private JsonDocuments() {
    }

    /** Decodes one JSON document; {@code text} is the document's own source. */
    @FunctionalInterface
    public interface DocumentDecoder {
        org.finres.events.Decoding decode(JsonNode node, org.finres.events.DecodeContext context, String text);
    }

    /**
     * The common shape of the JSON decoders: refuse oversized input, read every document (one, an array, JSON
     * Lines or concatenated objects), decode each, and keep what could not be read or decoded as rejected parts.
     *
     * @param nothing the reason given when the input holds no document at all ("no OCSF event in input")
     */
    public static org.finres.events.Decoding decodeEach(byte[] input, org.finres.events.DecodeContext context,
                                                        String nothing, DocumentDecoder decoder) {
        if (input.length > context.maxInputBytes()) {
            return new Undecodable("input of " + input.length + " bytes exceeds the limit of "
                    + context.maxInputBytes(), "");
        }
        String text = SourceText.of(input);
        Result documents = read(text);
        List<org.finres.events.OcsfEvent> events = new java.util.ArrayList<>();
        List<Undecodable> rejected = new java.util.ArrayList<>(documents.rejected());
        for (Document document : documents.documents()) {
            switch (decoder.decode(document.node(), context, document.text())) {
                case org.finres.events.Decoding.Decoded decoded -> events.addAll(decoded.events());
                case Undecodable undecodable -> rejected.add(undecodable);
            }
        }
        if (events.isEmpty()) {
            return rejected.isEmpty() ? Undecodable.of(nothing, text) : rejected.getFirst();
        }
        return new org.finres.events.Decoding.Decoded(events, rejected);
    }

    public static Result read(String text) {
        List<Document> documents = new ArrayList<>();
        List<Undecodable> rejected = new ArrayList<>();
        int from = 0;
        while (from < text.length() && rejected.size() < MAX_REJECTS) {
            from = readFrom(text, from, documents, rejected);
        }
        return new Result(documents, rejected);
    }

    /** Reads documents from {@code from} until the end or an error; answers where to resume. */
    private static int readFrom(String text, int from, List<Document> documents, List<Undecodable> rejected) {
        String rest = text.substring(from);
        int start = 0;
        try (JsonParser parser = MAPPER.createParser(rest)) {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return text.length();
                }
                start = (int) parser.currentTokenLocation().getCharOffset();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    JsonNode node = MAPPER.readTree(parser);
                    int end = (int) parser.currentLocation().getCharOffset();
                    String source = rest.substring(start, Math.min(Math.max(end, start), rest.length()));
                    if (node.isArray()) {
                        for (JsonNode element : node) {
                            if (element.isObject()) {
                                documents.add(new Document(element, element.toString()));
                            } else {
                                rejected.add(Undecodable.of("array element is not a JSON object", element.toString()));
                            }
                        }
                    } else {
                        documents.add(new Document(node, source));
                    }
                } else {
                    rejected.add(Undecodable.of("not a JSON object", rest.substring(start)));
                    return from + nextLine(rest, start);
                }
            }
        } catch (JacksonException e) {
            String reason = "not JSON: " + e.getOriginalMessage();
            rejected.add(Undecodable.of(reason.lines().findFirst().orElse(reason), rest.substring(Math.min(start, rest.length()))));
            return from + nextLine(rest, start);
        }
    }

    /** The next line that starts (after indentation) a JSON object or array: where a document may begin. */
    private static int nextLine(String text, int at) {
        int newline = text.indexOf('\n', Math.max(at, 0));
        while (newline >= 0) {
            int i = newline + 1;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
                i++;
            }
            if (i >= text.length() || text.charAt(i) == '{' || text.charAt(i) == '[') {
                return newline + 1;
            }
            newline = text.indexOf('\n', i);
        }
        return text.length();
    }
}
