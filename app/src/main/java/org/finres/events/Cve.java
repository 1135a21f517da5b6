package org.finres.events;

import java.util.List;

/** OCSF {@code cve}: a CVE identifier with its scores. */
public record Cve(String uid, String desc, List<Cvss> cvss) {

    public Cve {
        cvss = cvss == null ? List.of() : List.copyOf(cvss);
    }
}
