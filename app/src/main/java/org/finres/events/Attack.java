package org.finres.events;

import java.util.List;

/**
 * OCSF {@code attack}: the MITRE ATT&CK tactic, technique and sub-technique a finding is about. A sub-technique
 * goes in {@code sub_technique} with its parent in {@code technique}, as OCSF 1.1 and later model it.
 */
public record Attack(Entry technique, Entry subTechnique, List<Entry> tactics, String version) {

    public Attack {
        tactics = tactics == null ? List.of() : List.copyOf(tactics);
    }

    /** OCSF {@code technique}, {@code sub_technique} and {@code tactic} share these three attributes. */
    public record Entry(String uid, String name, String srcUrl) {
    }
}
