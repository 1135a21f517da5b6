package org.finres.detection.internal.indicator;

/** Receives the hits of one {@link IndicatorIndex#match} call, in no particular order; called on the matching thread. */
@FunctionalInterface
public interface HitSink {

    void hit(IndicatorHit hit);
}
