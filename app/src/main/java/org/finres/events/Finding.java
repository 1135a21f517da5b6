package org.finres.events;

import java.util.List;

/** The legacy OCSF {@code finding} object of Security Finding (2001), which still arrives from older producers. */
public record Finding(String uid, String title, String desc, List<String> types, String srcUrl) {

    public Finding {
        types = types == null ? List.of() : List.copyOf(types);
    }
}
