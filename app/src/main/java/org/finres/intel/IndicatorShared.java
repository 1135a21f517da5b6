package org.finres.intel;

import java.time.Instant;
import java.util.Objects;

import org.finres.core.InstitutionId;
import org.finres.stix.Tlp;

/**
 * A member shared a STIX indicator (through the share API, page, CLI or a TAXII POST), and what the exchange made of
 * it: the first report of its pattern in the collection, a corroboration of another member's earlier indicator, or a
 * duplicate of something already there. Published inside the sharing transaction; listeners act after its commit.
 * What the sharing credit ledger scores.
 *
 * @param stixId        the shared indicator's id (for a corroboration: the id the member sent, not stored)
 * @param patternSha256 SHA-256 (hex) of the indicator's STIX pattern: the same threat whatever id carries it
 * @param submitter     the true submitter, even when it shared anonymously
 * @param collection    the alias of the collection it went to
 * @param at            when the hub received it
 * @param corroborates  for a corroboration, the earlier indicator's id; {@code null} otherwise
 * @param anonymous     the submitter asked to be hidden (credit is earned all the same; nothing published says so)
 * @param exposure      the share is about an exposure in the ecosystem (a vulnerability or exposure label or
 *                      indicator type, or a share carrying a STIX {@code vulnerability} object)
 */
public record IndicatorShared(String stixId, String patternSha256, InstitutionId submitter, String collection, Tlp tlp,
                              Instant at, Kind kind, String corroborates, boolean anonymous, boolean exposure) {

    /** What the share was, decided by the intel module when it stored (or declined to store) the indicator. */
    public enum Kind { FIRST_REPORT, CORROBORATION, DUPLICATE }

    public IndicatorShared {
        Objects.requireNonNull(stixId, "stixId");
        Objects.requireNonNull(patternSha256, "patternSha256");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(tlp, "tlp");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.CORROBORATION) != (corroborates != null)) {
            throw new IllegalArgumentException("a corroboration, and only a corroboration, names the indicator it corroborates");
        }
    }
}
