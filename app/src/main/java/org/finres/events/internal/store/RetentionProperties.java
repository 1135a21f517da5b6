package org.finres.events.internal.store;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long events are kept.
 *
 * @param defaultDays  days kept for an institution without its own setting
 * @param institutions days kept per institution id, overriding the default
 * @param every        how often the retention job runs
 */
@ConfigurationProperties("finres.events.retention")
public record RetentionProperties(@DefaultValue("400") int defaultDays, Map<String, Integer> institutions,
                                  @DefaultValue("1h") Duration every) {
    public RetentionProperties {
        institutions = institutions == null ? Map.of() : Map.copyOf(institutions);
        if (defaultDays < 1) {
            throw new IllegalArgumentException("finres.events.retention.default-days must be at least 1");
        }
        institutions.forEach((id, days) -> {
            if (days == null || days < 1) {
                throw new IllegalArgumentException("finres.events.retention.institutions." + id + " must be at least 1 day");
            }
        });
    }

    public int daysFor(String institution) {
        return institutions.getOrDefault(institution, defaultDays);
    }
}
