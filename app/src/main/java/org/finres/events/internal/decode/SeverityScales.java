package org.finres.events.internal.decode;

import org.finres.events.Severity;

import java.util.Locale;

/**
 * Each source's severity scale mapped onto OCSF {@code severity_id}; DECODERS.md shows the same tables. Values outside
 * a scale become Unknown, and the decoder keeps the source's value under {@code unmapped}.
 */
final class SeverityScales {

    private SeverityScales() {
    }

    /**
     * CEF and LEEF: 0-3 Low, 4-6 Medium, 7-8 High, 9-10 Very-High (which we call Critical), as the CEF specification
     * groups them; the CEF words Unknown, Low, Medium, High and Very-High map the same way.
     */
    static Severity tenPoint(String value) {
        if (value == null) {
            return Severity.UNKNOWN;
        }
        String word = value.strip().toLowerCase(Locale.ROOT);
        switch (word) {
            case "unknown":
                return Severity.UNKNOWN;
            case "low":
                return Severity.LOW;
            case "medium":
                return Severity.MEDIUM;
            case "high":
                return Severity.HIGH;
            case "very-high", "very high", "veryhigh":
                return Severity.CRITICAL;
            default:
                break;
        }
        Long number = SourceFields.parseNumber(word);
        if (number == null || number < 0 || number > 10) {
            return Severity.UNKNOWN;
        }
        if (number <= 3) {
            return Severity.LOW;
        }
        if (number <= 6) {
            return Severity.MEDIUM;
        }
        return number <= 8 ? Severity.HIGH : Severity.CRITICAL;
    }

    /** Syslog severity (the low three bits of PRI). */
    static Severity syslog(int severity) {
        return switch (severity) {
            case 0 -> Severity.FATAL;          // Emergency: system is unusable
            case 1, 2 -> Severity.CRITICAL;    // Alert, Critical
            case 3 -> Severity.HIGH;           // Error
            case 4 -> Severity.MEDIUM;         // Warning
            case 5 -> Severity.LOW;            // Notice
            case 6, 7 -> Severity.INFORMATIONAL; // Informational, Debug
            default -> Severity.UNKNOWN;
        };
    }

    /** Windows event Level: 1 Critical, 2 Error, 3 Warning, 4 Information, 5 Verbose, 0 LogAlways (audit events). */
    static Severity windowsLevel(Long level) {
        if (level == null) {
            return Severity.UNKNOWN;
        }
        return switch (level.intValue()) {
            case 1 -> Severity.CRITICAL;
            case 2 -> Severity.HIGH;
            case 3 -> Severity.MEDIUM;
            case 0, 4, 5 -> Severity.INFORMATIONAL;
            default -> Severity.UNKNOWN;
        };
    }

    /** A severity word as ECS {@code log.level}, Elastic alert severities and many JSON sources write it. */
    static Severity word(String value) {
        if (value == null) {
            return Severity.UNKNOWN;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "emergency", "emerg", "fatal" -> Severity.FATAL;
            case "critical", "crit", "alert" -> Severity.CRITICAL;
            case "high", "error", "err" -> Severity.HIGH;
            case "medium", "warning", "warn" -> Severity.MEDIUM;
            case "low", "notice" -> Severity.LOW;
            case "informational", "information", "info", "debug", "trace" -> Severity.INFORMATIONAL;
            default -> Severity.UNKNOWN;
        };
    }

    /**
     * ECS {@code event.severity} is a number on the source's own scale; Elastic's detection rules use 21 Low, 47
     * Medium, 73 High and 99 Critical, so we read it on that 0-100 scale.
     */
    static Severity hundredPoint(Long value) {
        if (value == null || value < 0 || value > 100) {
            return Severity.UNKNOWN;
        }
        if (value < 21) {
            return Severity.INFORMATIONAL;
        }
        if (value < 47) {
            return Severity.LOW;
        }
        if (value < 73) {
            return Severity.MEDIUM;
        }
        return value < 99 ? Severity.HIGH : Severity.CRITICAL;
    }
}
