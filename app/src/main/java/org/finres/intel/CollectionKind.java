package org.finres.intel;

/** Who reads and writes a collection. */
public enum CollectionKind {
    /** Every member reads and writes (TLP and sharing scope permitting). */
    COMMUNITY,
    /** Every member reads; only the hub writes (early warnings, protection advice). */
    WARNINGS,
    /** One institution and the hub only: what the hub sends that institution, and what it sends the hub privately. */
    INBOX
}
