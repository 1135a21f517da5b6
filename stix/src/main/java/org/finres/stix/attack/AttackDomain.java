package org.finres.stix.attack;

import java.util.Optional;

/**
 * The three ATT&CK matrices. Each names itself in external references ({@code source_name}) and kill chain phases
 * ({@code kill_chain_name}), which is how a technique's domain and tactics are read.
 */
public enum AttackDomain {
    ENTERPRISE("enterprise-attack", "mitre-attack"),
    MOBILE("mobile-attack", "mitre-mobile-attack"),
    ICS("ics-attack", "mitre-ics-attack");

    private final String code;
    private final String sourceName;

    AttackDomain(String code, String sourceName) {
        this.code = code;
        this.sourceName = sourceName;
    }

    /** As in {@code x_mitre_domains}: {@code enterprise-attack}. */
    public String code() {
        return code;
    }

    /** As in external references and kill chain phases: {@code mitre-attack}. */
    public String sourceName() {
        return sourceName;
    }

    public static Optional<AttackDomain> ofSourceName(String name) {
        for (AttackDomain d : values()) {
            if (d.sourceName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static Optional<AttackDomain> ofCode(String code) {
        for (AttackDomain d : values()) {
            if (d.code.equals(code)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
