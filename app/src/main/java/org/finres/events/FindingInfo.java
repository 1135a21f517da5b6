package org.finres.events;

import java.util.List;

/** OCSF {@code finding_info}: what a detection or vulnerability finding is about; {@code uid} is required. */
public record FindingInfo(String uid, String title, String desc, List<String> types, Long createdTime,
                          Long firstSeenTime, Long lastSeenTime, String srcUrl, Analytic analytic,
                          List<Attack> attacks) {

    public FindingInfo {
        types = types == null ? List.of() : List.copyOf(types);
        attacks = attacks == null ? List.of() : List.copyOf(attacks);
    }

    /** A finding that names no ATT&CK technique. */
    public FindingInfo(String uid, String title, String desc, List<String> types, Long createdTime,
                       Long firstSeenTime, Long lastSeenTime, String srcUrl, Analytic analytic) {
        this(uid, title, desc, types, createdTime, firstSeenTime, lastSeenTime, srcUrl, analytic, List.of());
    }

    public static FindingInfo of(String uid, String title) {
        return new FindingInfo(uid, title, null, List.of(), null, null, null, null, null);
    }
}
