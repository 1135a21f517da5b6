package org.finres.warning;

import java.time.Duration;
import java.util.List;

import org.finres.stix.Tlp;
import org.finres.stix.attack.TechniqueId;

/**
 * A warning as the hub writes it. {@code advice} is the protection advice, published as a STIX course-of-action;
 * {@code acknowledgeWithin} overrides the configured time before a recipient that has not acknowledged is
 * escalated (null: the configured one).
 */
public record WarningDraft(String title, String description, String advice, WarningSeverity severity, Tlp tlp,
                           Audience audience, ExposureCriteria criteria, List<WarningIndicator> indicators,
                           List<TechniqueId> techniques, Duration acknowledgeWithin) {

    public WarningDraft {
        criteria = criteria == null ? ExposureCriteria.NONE : criteria;
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
    }
}
