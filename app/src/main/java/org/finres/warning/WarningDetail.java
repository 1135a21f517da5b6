package org.finres.warning;

import java.util.List;

import org.finres.attack.NamedTechnique;
import org.finres.stix.attack.TechniqueId;

/**
 * A warning in full. A member sees its own recipient row only and not the criteria (which would tell it what other
 * members declared); the hub sees every recipient and the criteria.
 *
 * @param named         the techniques the ATT&CK catalogue knows, by id; the others are shown bare
 * @param reportStixId  the STIX report it was published as in the hub-warnings TAXII collection
 */
public record WarningDetail(WarningSummary summary, String description, String advice,
                            List<WarningIndicator> indicators, List<TechniqueId> techniques,
                            java.util.Map<TechniqueId, NamedTechnique> named, ExposureCriteria criteria,
                            List<WarningRecipient> recipients, String reportStixId) {

    public WarningDetail {
        indicators = List.copyOf(indicators);
        techniques = List.copyOf(techniques);
        named = java.util.Map.copyOf(named);
        recipients = List.copyOf(recipients);
    }
}
