package org.finres.sigma.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search identifiers in declaration order and the condition (a list of conditions is folded into an OR, as the
 * specification says).
 */
public record Detection(Map<String, DetectionItem> identifiers, Condition condition, String conditionText) {
    public Detection {
        identifiers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
    }
}
