package org.finres.intel.internal.analysis;

import org.finres.detection.IndicatorSighted;
import org.finres.intel.IndicatorsShared;
import org.finres.intel.IntelObjectsAdded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What sets analysis going: objects shared (after their commit, so the refresh can read them), detection hits,
 * start-up, and a periodic tick that catches expiry and the daily confidence decay.
 */
@Component
@EnableScheduling
class AnalysisTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisTriggers.class);

    private final AnalysisEngine engine;

    AnalysisTriggers(AnalysisEngine engine) {
        this.engine = engine;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void shared(IntelObjectsAdded added) {
        engine.requestRefresh();
    }

    /** A share may add only corroborations (no new object), which change reporters and confidence. */
    @TransactionalEventListener(fallbackExecution = true)
    void shared(IndicatorsShared shared) {
        engine.requestRefresh();
    }

    /** After detection's commit, in a transaction of its own: a failure here must never undo detection's work. */
    @TransactionalEventListener(fallbackExecution = true)
    void sighted(IndicatorSighted hit) {
        try {
            engine.sighted(hit);
        } catch (RuntimeException e) {
            LOG.warn("recording the sighting of indicator {} failed: {}", hit.indicatorId(), e.getMessage(), e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        engine.requestRefresh();
    }

    @Scheduled(fixedDelayString = "${finres.intel.analysis.refresh-interval:PT1M}",
            initialDelayString = "${finres.intel.analysis.refresh-interval:PT1M}")
    void tick() {
        engine.requestRefresh();
    }
}
