package org.finres.stix.model;

import java.util.List;
import java.util.Map;

/**
 * The file object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record File(
        StixId id,
        CommonProperties common,
        Map<String, String> hashes,
        Long size,
        String name,
        String nameEnc,
        String magicNumberHex,
        String mimeType,
        StixTimestamp ctime,
        StixTimestamp mtime,
        StixTimestamp atime,
        StixId parentDirectoryRef,
        List<StixId> containsRefs,
        StixId contentRef,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "file";

    @Override
    public String type() {
        return TYPE;
    }

    static File decode(StixId id, CommonProperties common, StixJson json) {
        return new File(
                id,
                common,
                json.hashes("hashes"),
                json.integer("size"),
                json.text("name"),
                json.text("name_enc"),
                json.text("magic_number_hex"),
                json.text("mime_type"),
                json.timestamp("ctime"),
                json.timestamp("mtime"),
                json.timestamp("atime"),
                json.ref("parent_directory_ref"),
                json.refs("contains_refs"),
                json.ref("content_ref"),
                json);
    }
}
