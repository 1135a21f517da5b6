package org.finres.events.internal.completeness;

import java.time.Instant;

/** Events received from a source in one minute, with their mean and worst lag behind the event time. */
public record SourceMinute(Instant minute, int events, long meanLagMillis, long maxLagMillis) {
}
