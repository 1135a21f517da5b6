package org.finres.stix.model;

import java.util.List;
import java.util.Set;

/**
 * The properties every STIX object may carry (SDO/SRO common properties plus the SCO ones, {@code defanged}). Absent
 * or mistyped values are null (scalars) or empty (lists): reading never rejects; the validator reports.
 */
public record CommonProperties(
        String specVersion,
        StixId createdByRef,
        StixTimestamp created,
        StixTimestamp modified,
        Boolean revoked,
        List<String> labels,
        Long confidence,
        String lang,
        List<ExternalReference> externalReferences,
        List<StixId> objectMarkingRefs,
        List<GranularMarking> granularMarkings,
        Boolean defanged,
        Set<String> extensionNames) {

    public CommonProperties {
        labels = labels == null ? List.of() : List.copyOf(labels);
        externalReferences = externalReferences == null ? List.of() : List.copyOf(externalReferences);
        objectMarkingRefs = objectMarkingRefs == null ? List.of() : List.copyOf(objectMarkingRefs);
        granularMarkings = granularMarkings == null ? List.of() : List.copyOf(granularMarkings);
        extensionNames = extensionNames == null ? Set.of() : Set.copyOf(extensionNames);
    }

    static CommonProperties decode(StixJson json) {
        return new CommonProperties(
                json.text("spec_version"),
                json.ref("created_by_ref"),
                json.timestamp("created"),
                json.timestamp("modified"),
                json.bool("revoked"),
                json.strings("labels"),
                json.integer("confidence"),
                json.text("lang"),
                json.externalReferences(),
                json.refs("object_marking_refs"),
                json.granularMarkings(),
                json.bool("defanged"),
                json.propertyNames("extensions"));
    }
}
