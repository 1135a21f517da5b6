package org.finres.events.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Event counts per time bucket over a search's range, oldest first, with empty buckets included as zero. */
public record EventHistogram(Instant from, Instant to, Duration bucket, List<Bucket> buckets) {

    public EventHistogram {
        buckets = List.copyOf(buckets);
    }

    public record Bucket(Instant start, long count) {
    }

    /** Bucket sizes a person reads easily; the smallest that keeps the chart at or below about 120 bars wins. */
    static final List<Duration> SIZES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));
    static final int TARGET_BUCKETS = 120;

    static Duration bucketFor(Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        for (Duration size : SIZES) {
            if (seconds / size.toSeconds() <= TARGET_BUCKETS) {
                return size;
            }
        }
        return SIZES.getLast();
    }
}
