package org.finres.vault.engine;

/**
 * Which snapshots {@link VaultRepository#prune} keeps, per institution, by business date: the newest
 * {@code lastDates}, plus the last business date of each of the newest {@code monthEnds} months, plus the last of
 * each of the newest {@code yearEnds} years. A snapshot kept by any rule stays.
 */
public record RetentionPolicy(int lastDates, int monthEnds, int yearEnds) {

    public RetentionPolicy {
        if (lastDates < 1 || monthEnds < 0 || yearEnds < 0) {
            throw new IllegalArgumentException("a policy keeps at least the newest snapshot; counts are not negative");
        }
    }
}
