package org.finres.stix.model;


/**
 * The windows-registry-key object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record WindowsRegistryKey(
        StixId id,
        CommonProperties common,
        String key,
        StixTimestamp modifiedTime,
        StixId creatorUserRef,
        Long numberOfSubkeys,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "windows-registry-key";

    @Override
    public String type() {
        return TYPE;
    }

    static WindowsRegistryKey decode(StixId id, CommonProperties common, StixJson json) {
        return new WindowsRegistryKey(
                id,
                common,
                json.text("key"),
                json.timestamp("modified_time"),
                json.ref("creator_user_ref"),
                json.integer("number_of_subkeys"),
                json);
    }
}
