package org.finres.events.internal.decode;

import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.EventDecoder;
import org.finres.events.FormatSniffer;
import org.finres.events.InputFormat;
import org.finres.events.OcsfEvent;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Sniffs the input's format and hands it to the decoder for it; JSON input is decoded document by document, so a
 * JSON Lines file may mix OCSF, ECS and Windows events. Also the one place the decoders are wired together, since
 * syslog needs the others for the messages it carries.
 */
public final class AutoDecoder implements EventDecoder {

    private final CefDecoder cef = new CefDecoder();
    private final LeefDecoder leef = new LeefDecoder();
    private final OcsfJsonDecoder ocsf = new OcsfJsonDecoder();
    private final EcsDecoder ecs = new EcsDecoder();
    private final WindowsEventDecoder windows = new WindowsEventDecoder();
    private final PlainDecoder plain = new PlainDecoder();
    private final SyslogDecoder syslog = new SyslogDecoder(cef, leef, this::decodeJson);

    @Override
    public InputFormat format() {
        return InputFormat.UNKNOWN;
    }

    public EventDecoder forFormat(InputFormat format) {
        return switch (format) {
            case OCSF_JSON -> ocsf;
            case ECS_JSON -> ecs;
            case WINDOWS_EVENT_JSON -> windows;
            case CEF -> cef;
            case LEEF -> leef;
            case SYSLOG_RFC5424, SYSLOG_RFC3164 -> syslog;
            case OTHER_JSON -> new EventDecoder() {
                @Override
                public InputFormat format() {
                    return InputFormat.OTHER_JSON;
                }

                @Override
                public Decoding decode(byte[] input, DecodeContext context) {
                    return AutoDecoder.this.decode(input, context);
                }
            };
            case PLAIN_TEXT -> plain;
            case UNKNOWN -> this;
        };
    }

    @Override
    public Decoding decode(byte[] input, DecodeContext context) {
        if (input.length > context.maxInputBytes()) {
            return new Decoding.Undecodable("input of " + input.length + " bytes exceeds the limit of "
                    + context.maxInputBytes(), "");
        }
        InputFormat format = FormatSniffer.sniff(input);
        return switch (format) {
            case OCSF_JSON, ECS_JSON, WINDOWS_EVENT_JSON, OTHER_JSON -> decodeJson(SourceText.of(input), context);
            case CEF -> cef.decode(input, context);
            case LEEF -> leef.decode(input, context);
            case SYSLOG_RFC5424, SYSLOG_RFC3164 -> syslog.decode(input, context);
            case PLAIN_TEXT -> plain.decode(input, context);
            case UNKNOWN -> Decoding.Undecodable.of("empty or binary input", SourceText.of(input));
        };
    }

    /** Decodes every JSON document in the text with the decoder its shape calls for. */
    Decoding decodeJson(String text, DecodeContext context) {
        JsonDocuments.Result documents = JsonDocuments.read(text);
        List<OcsfEvent> events = new ArrayList<>();
        List<Decoding.Undecodable> rejected = new ArrayList<>(documents.rejected());
        for (JsonDocuments.Document document : documents.documents()) {
            JsonNode node = document.node();
            Decoding decoding;
            if (OcsfJsonDecoder.isOcsf(node)) {
                decoding = ocsf.decodeDocument(node, context, document.text());
            } else if (WindowsEventDecoder.isWindowsEvent(node)) {
                decoding = windows.decodeDocument(node, context, document.text());
            } else if (EcsDecoder.isEcs(node)) {
                decoding = Decoding.Decoded.of(ecs.decodeDocument(node, context, document.text()));
            } else {
                decoding = plain.decodeJson(node, context, document.text());
            }
            switch (decoding) {
                case Decoding.Decoded decoded -> events.addAll(decoded.events());
                case Decoding.Undecodable undecodable -> rejected.add(undecodable);
            }
        }
        if (events.isEmpty()) {
            return rejected.isEmpty() ? Decoding.Undecodable.of("no JSON object in input", text) : rejected.getFirst();
        }
        return new Decoding.Decoded(events, rejected);
    }
}
