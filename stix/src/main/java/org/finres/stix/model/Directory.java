package org.finres.stix.model;

import java.util.List;

/**
 * The directory object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Directory(
        StixId id,
        CommonProperties common,
        String path,
        String pathEnc,
        StixTimestamp ctime,
        StixTimestamp mtime,
        StixTimestamp atime,
        List<StixId> containsRefs,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "directory";

    @Override
    public String type() {
        return TYPE;
    }

    static Directory decode(StixId id, CommonProperties common, StixJson json) {
        return new Directory(
                id,
                common,
                json.text("path"),
                json.text("path_enc"),
                json.timestamp("ctime"),
                json.timestamp("mtime"),
                json.timestamp("atime"),
                json.refs("contains_refs"),
                json);
    }
}
