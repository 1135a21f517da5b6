package org.finres.intel;

import java.util.List;

import org.finres.core.InstitutionId;

/**
 * The submitter's choices for what it shares: named recipients narrow the audience to them (plus the submitter
 * and the hub); {@code hideSubmitter} keeps the submitter known to the hub only.
 */
public record Sharing(List<InstitutionId> recipients, boolean hideSubmitter) {

    public static final Sharing COMMUNITY = new Sharing(List.of(), false);

    public Sharing {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
