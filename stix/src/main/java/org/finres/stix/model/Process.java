package org.finres.stix.model;

import java.util.List;
import java.util.Map;

/**
 * The process object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Process(
        StixId id,
        CommonProperties common,
        Boolean isHidden,
        Long pid,
        StixTimestamp createdTime,
        String cwd,
        String commandLine,
        Map<String, String> environmentVariables,
        List<StixId> openedConnectionRefs,
        StixId creatorUserRef,
        StixId imageRef,
        StixId parentRef,
        List<StixId> childRefs,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "process";

    @Override
    public String type() {
        return TYPE;
    }

    static Process decode(StixId id, CommonProperties common, StixJson json) {
        return new Process(
                id,
                common,
                json.bool("is_hidden"),
                json.integer("pid"),
                json.timestamp("created_time"),
                json.text("cwd"),
                json.text("command_line"),
                json.hashes("environment_variables"),
                json.refs("opened_connection_refs"),
                json.ref("creator_user_ref"),
                json.ref("image_ref"),
                json.ref("parent_ref"),
                json.refs("child_refs"),
                json);
    }
}
