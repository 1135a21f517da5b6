package org.finres.core;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a module asks the audit trail to record. {@code action} is a dotted past-tense name such as
 * {@code institution.created}, {@code login.failed} or {@code access.denied}.
 */
public record AuditEntry(String action, String targetType, String targetId, InstitutionId targetInstitution,
                         AuditOutcome outcome, SortedMap<String, String> details) {

    public AuditEntry {
        if (action == null || !action.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")) {
            throw new IllegalArgumentException("audit action must be dotted lower-case, was " + action);
        }
        details = details == null ? new TreeMap<>() : new TreeMap<>(details);
    }

    public static AuditEntry success(String action, String targetType, String targetId, InstitutionId tenant) {
        return new AuditEntry(action, targetType, targetId, tenant, AuditOutcome.SUCCESS, null);
    }

    public AuditEntry with(String key, String value) {
        TreeMap<String, String> more = new TreeMap<>(details);
        more.put(key, value == null ? "" : value);
        return new AuditEntry(action, targetType, targetId, targetInstitution, outcome, more);
    }

    public AuditEntry withAll(Map<String, String> values) {
        TreeMap<String, String> more = new TreeMap<>(details);
        values.forEach((k, v) -> more.put(k, v == null ? "" : v));
        return new AuditEntry(action, targetType, targetId, targetInstitution, outcome, more);
    }
}
