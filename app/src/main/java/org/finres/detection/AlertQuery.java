package org.finres.detection;

import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;

/**
 * Filters for listing alerts, newest first; {@code beforeId} continues after the previous page's last alert.
 * Every filter may be null.
 */
public record AlertQuery(InstitutionId institution, AlertStatus status, AlertKind kind, String minLevel,
                         String text, Long beforeId, int limit) {

    public static final int MAX_LIMIT = 500;

    public AlertQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (minLevel != null && severityOf(minLevel) < 0) {
            throw new InvalidInputException("minLevel", "must be one of informational, low, medium, high, critical");
        }
    }

    static int severityOf(String level) {
        return switch (level) {
            case "informational" -> 1;
            case "low" -> 2;
            case "medium" -> 3;
            case "high" -> 4;
            case "critical" -> 5;
            default -> -1;
        };
    }
}
