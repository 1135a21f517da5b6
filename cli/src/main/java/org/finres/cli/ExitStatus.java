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
    AUDIT_BROKEN(4),
    /** A vault repository is damaged: verify found problems, or a restore met damaged data (nothing restored). */
    DAMAGED(5),
    /**
     * A key was refused: wrong passphrase, a key file or share that does not open, fewer custodian approvals than
     * the threshold, a signature that does not verify.
     */
    KEY_REFUSED(6),
    /** The local file system failed: unreadable or unwritable files, a full disk, a repository in use or missing. */
    STORAGE(7),
    /** The data does not add up or does not parse: an import's input, a dataset's validation, a drill's totals. */
    INVALID_DATA(8),
    /** The repository already holds a snapshot of that institution and business date; nothing was changed. */
    SNAPSHOT_EXISTS(9),
    /** A failover drill ran and breached a tolerance (or lost an acknowledged transfer). */
    DRILL_FAILED(10),
    /** A failover drill was aborted: steady state did not hold before the fault, an abort condition, interrupted. */
    DRILL_ABORTED(11),
    /** Drill evidence does not verify: a broken timeline link, another signer, a bad signature, or malformed. */
    EVIDENCE_BROKEN(12);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
