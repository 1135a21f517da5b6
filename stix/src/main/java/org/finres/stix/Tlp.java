package org.finres.stix;

import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * The TLP 2.0 marking definitions. Their ids, names and content are fixed by the TLP 2.0 extension published by
 * the OASIS CTI TC (cti-stix-common-objects, extension-definition-specifications/tlp-2.0); anything else claiming
 * a TLP 2.0 level is not the shared marking and is reported by the validator. Ordered from least to most
 * restrictive.
 */
public enum Tlp {
    CLEAR("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR", "clear"),
    GREEN("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN", "green"),
    AMBER("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER", "amber"),
    AMBER_STRICT("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "TLP:AMBER+STRICT", "amber+strict"),
    RED("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED", "red");

    /** The extension definition whose {@code tlp_2_0} property carries the level. */
    public static final String EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    /** All five TLP 2.0 definitions were published with this creation time. */
    public static final String CREATED = "2022-10-01T00:00:00.000Z";

    private final StixId id;
    private final String markingName;
    private final String level;

    Tlp(String id, String markingName, String level) {
        this.id = StixId.parse(id);
        this.markingName = markingName;
        this.level = level;
    }

    public StixId id() {
        return id;
    }

    /** The definition's name, such as {@code TLP:AMBER+STRICT}. */
    public String markingName() {
        return markingName;
    }

    /** The {@code tlp_2_0} value, such as {@code amber+strict}. */
    public String level() {
        return level;
    }

    public static Optional<Tlp> ofId(StixId id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public static Optional<Tlp> ofLevel(String level) {
        return Arrays.stream(values()).filter(t -> t.level.equals(level)).findFirst();
    }

    /** The most restrictive TLP 2.0 level among {@code markingRefs}, if any is one. */
    public static Optional<Tlp> strictest(Collection<StixId> markingRefs) {
        return markingRefs.stream().map(Tlp::ofId).flatMap(Optional::stream).max(Enum::compareTo);
    }

    /** The marking-definition object exactly as the TLP 2.0 extension publishes it. */
    public StixObject markingDefinition() {
        ObjectNode ext = JsonNodeFactory.instance.objectNode();
        ext.putObject(EXTENSION_ID).put("extension_type", "property-extension").put("tlp_2_0", level);
        return StixObjectBuilder.of("marking-definition").id(id).set("created", CREATED).set("name", markingName)
                .set("extensions", ext).build();
    }
}
