package org.finres.events.internal.decode;

import org.finres.events.BaseAttributes;
import org.finres.events.BaseEvent;
import org.finres.events.DecodeContext;
import org.finres.events.Metadata;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfJson;
import org.finres.events.OcsfValidator;
import org.finres.events.Product;
import org.finres.events.Violation;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last step every decoder shares: unmapped source fields, receive-time defaults, raw data when asked for,
 * observables, and validation. An event that misses what its class requires (a Sysmon record without an image, say)
 * is not dropped but downgraded to a Base Event carrying every source field, labelled with the class it failed, so
 * that detection still sees it and the gap shows up in the figures.
 */
final class Completion {

    static final String DOWNGRADE_LABEL = "downgraded-from:";

    private Completion() {
    }

    static Metadata metadata(Product product, String logFormat, String eventCode, String logName, String uid,
                             String originalTime, DecodeContext context) {
        // OCSF requires a product; a source that names none is at least known by the format it used.
        Product named = product == null || (product.name() == null && product.vendorName() == null)
                ? new Product(logFormat, null, null, null) : product;
        return new Metadata(named, Metadata.OCSF_VERSION, uid, eventCode, logName, null, logFormat,
                context.receivedAt().toEpochMilli(), originalTime, context.institution().value(), null, List.of());
    }

    static OcsfEvent finish(OcsfEvent draft, SourceFields fields, DecodeContext context, String raw) {
        BaseAttributes base = draft.base();
        Map<String, Object> unmapped = new LinkedHashMap<>(fields == null ? Map.of() : fields.rest());
        unmapped.putAll(base.unmapped());
        BaseAttributes.Builder builder = base.toBuilder()
                .unmapped(unmapped)
                .time(base.time() != null ? base.time() : context.receivedAt().toEpochMilli())
                .rawData(context.keepRaw() ? raw : null);
        OcsfEvent event = draft.withBase(builder.build());
        ObjectNode tree = OcsfJson.toTree(event);
        List<Violation> violations = OcsfValidator.validate(tree);
        if (!violations.isEmpty() && !(event instanceof BaseEvent)) {
            event = downgrade(event, fields);
            tree = OcsfJson.toTree(event);
        }
        return event.withBase(event.base().toBuilder().observables(ObservableExtraction.of(tree)).build());
    }

    private static OcsfEvent downgrade(OcsfEvent event, SourceFields fields) {
        BaseAttributes base = event.base();
        Map<String, Object> unmapped = new LinkedHashMap<>(fields == null ? Map.of() : fields.all());
        unmapped.putAll(base.unmapped());
        Metadata metadata = base.metadata();
        if (metadata != null) {
            List<String> labels = new ArrayList<>(metadata.labels());
            labels.add(DOWNGRADE_LABEL + event.ocsfClass().schemaName());
            metadata = new Metadata(metadata.product(), metadata.version(), metadata.uid(), metadata.eventCode(),
                    metadata.logName(), metadata.logProvider(), metadata.logFormat(), metadata.loggedTime(),
                    metadata.originalTime(), metadata.tenantUid(), metadata.correlationUid(), labels);
        }
        return new BaseEvent(base.toBuilder().activityId(0).metadata(metadata).unmapped(unmapped).build());
    }
}
