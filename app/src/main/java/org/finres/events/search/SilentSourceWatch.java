package org.finres.events.search;

import java.util.List;

import org.finres.events.SourceFellSilent;
import org.finres.events.internal.completeness.SourceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for sources that fell silent, once a minute by default ({@code finres.events.silent-check-interval}). The
 * tracker marks each one and announces it once; this logs it so that operators see it without the page.
 */
@Component
class SilentSourceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(SilentSourceWatch.class);

    private final SourceTracker tracker;

    SilentSourceWatch(SourceTracker tracker) {
        this.tracker = tracker;
    }

    @Scheduled(fixedDelayString = "${finres.events.silent-check-interval:PT1M}",
            initialDelayString = "${finres.events.silent-check-interval:PT1M}")
    void check() {
        List<SourceFellSilent> silent = tracker.findNewlySilent();
        for (SourceFellSilent s : silent) {
            LOG.warn("event source fell silent: institution={} source={} lastReceived={} expectedInterval={}",
                    s.institution(), s.sourceName(), s.lastReceived(), s.expectedInterval());
        }
    }
}
