package org.finres.events.internal.decode;

import org.finres.events.BaseAttributes;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.EventDecoder;
import org.finres.events.InputFormat;
import org.finres.events.Metadata;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfJson;
import org.finres.events.OcsfParse;
import org.finres.events.Violation;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OCSF JSON from producers that already speak it (one event, an array, or JSON Lines). Each event is validated
 * against its class's rules; an invalid one is refused with the violations named. The tenant is always the sending
 * institution: a {@code metadata.tenant_uid} claiming another is replaced, and what it claimed is kept under
 * {@code unmapped}.
 */
public final class OcsfJsonDecoder implements EventDecoder {

    @Override
    public InputFormat format() {
        return InputFormat.OCSF_JSON;
    }

    @Override
    public Decoding decode(byte[] input, DecodeContext context) {
        return JsonDocuments.decodeEach(input, context, "no OCSF event in input", this::decodeDocument);
    }

    public Decoding decodeDocument(JsonNode node, DecodeContext context, String raw) {
        return switch (OcsfJson.read(node)) {
            case OcsfParse.Invalid invalid -> Decoding.Undecodable.of("invalid OCSF: " + invalid.violations().stream()
                    .map(Violation::toString).collect(Collectors.joining("; ")), raw);
            case OcsfParse.Parsed parsed -> Decoding.Decoded.of(stamp(parsed.event(), context, raw));
        };
    }

    private static OcsfEvent stamp(OcsfEvent event, DecodeContext context, String raw) {
        BaseAttributes base = event.base();
        Metadata m = base.metadata();
        Map<String, Object> unmapped = new LinkedHashMap<>(base.unmapped());
        String tenant = context.institution().value();
        if (m.tenantUid() != null && !m.tenantUid().equals(tenant)) {
            unmapped.put("metadata.tenant_uid", m.tenantUid());
        }
        Metadata stamped = new Metadata(m.product(), m.version(), m.uid(), m.eventCode(), m.logName(), m.logProvider(),
                m.logFormat() != null ? m.logFormat() : "OCSF", m.loggedTime() != null ? m.loggedTime()
                : context.receivedAt().toEpochMilli(), m.originalTime(), tenant, m.correlationUid(), m.labels());
        BaseAttributes.Builder builder = base.toBuilder().metadata(stamped).unmapped(unmapped);
        if (context.keepRaw() && base.rawData() == null) {
            builder.rawData(raw);
        }
        OcsfEvent stampedEvent = event.withBase(builder.build());
        if (base.observables().isEmpty()) {
            stampedEvent = stampedEvent.withBase(stampedEvent.base().toBuilder()
                    .observables(ObservableExtraction.of(OcsfJson.toTree(stampedEvent))).build());
        }
        return stampedEvent;
    }

    /** Whether a JSON object claims to be an OCSF event. */
    public static boolean isOcsf(JsonNode node) {
        return node != null && node.isObject() && node.has("class_uid")
                && (node.has("metadata") || node.has("category_uid") || node.has("type_uid"));
    }
}
