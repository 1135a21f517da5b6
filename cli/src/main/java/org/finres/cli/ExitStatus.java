package org.finres.cli;

/**
 * What the process exit code tells a script. Scripts branch on these numbers, so they never change meaning;
 * the usage help of {@code finres} lists them.
 */
public enum ExitStatus {
    OK(0),
    /** Unknown command, missing or malformed option: nothing was sent anywhere. */
    USAGE(1),
    /** The hub answered 4xx: refused, not found, conflicting or invalid. Retrying the same call will not help. */
    REFUSED(2),
    /** The hub cannot be reached, answered 5xx, or (for the local commands) could not be started. */
    UNAVAILABLE(3),
    /** The audit trail's hash chain does not hold. */
    AUDIT_BROKEN(4);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
