package org.finres.events.search;

/** What replaying a dead letter came to. */
public sealed interface ReplayOutcome {

    long deadLetter();

    /** The input decoded now; its events are stored (or were already) and the letter is no longer pending. */
    record Replayed(long deadLetter, int stored, int duplicates, int rejected) implements ReplayOutcome {
    }

    /** It still cannot be decoded; the letter stays pending with this newest reason as its outcome. */
    record StillUndecodable(long deadLetter, String reason) implements ReplayOutcome {
    }
}
