package org.finres.events;

import java.util.List;

/**
 * Receives every batch of newly stored events right after its commit (duplicates are left out). The event plane
 * calls each sink bean on the committing thread, so a sink must return quickly: it queues, it does not evaluate.
 * It may drop a batch when it cannot keep up, as long as it can find the events again in the store; the intake
 * never waits for it, because an acknowledged event is already durable.
 */
public interface CommittedEventSink {

    void accept(List<CommittedEvent> events);
}
