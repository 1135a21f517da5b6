package org.finres.detection.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.finres.detection.internal.indicator.IndicatorHit;
import org.finres.detection.internal.indicator.IndicatorIndex;
import org.finres.events.CommittedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Matches every event's observables (the typed addresses and the OCSF observables: host names, URLs, hashes, user
 * and e-mail names) against the index of active indicators. The index is immutable; a change of the list builds a
 * new one that replaces it between two batches.
 */
@Component
public class IndicatorMatching {

    private static final Logger log = LoggerFactory.getLogger(IndicatorMatching.class);

    private final IndicatorStore store;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile IndicatorIndex index = IndicatorIndex.empty();

    public IndicatorMatching(IndicatorStore store) {
        this.store = store;
    }

    public void requestReload() {
        stale.set(true);
    }

    public int size() {
        return index.size();
    }

    /** Calls {@code sink} once per indicator the event hits (an indicator seen twice in one event counts once). */
    public void match(CommittedEvent event, Consumer<IndicatorHit> sink) {
        if (stale.getAndSet(false)) {
            reload();
        }
        IndicatorIndex current = index;
        if (current.size() == 0) {
            return;
        }
        Set<Long> seen = null;
        for (String observable : observablesOf(event)) {
            for (IndicatorHit hit : current.match(observable)) {
                if (seen == null) {
                    seen = new HashSet<>(4);
                }
                if (seen.add(hit.indicatorId())) {
                    sink.accept(hit);
                }
            }
        }
    }

    private static Iterable<String> observablesOf(CommittedEvent e) {
        java.util.List<String> all = new java.util.ArrayList<>(e.observables().size() + 2);
        if (e.srcIp() != null) {
            all.add(e.srcIp());
        }
        if (e.dstIp() != null) {
            all.add(e.dstIp());
        }
        for (String o : e.observables()) {
            if (!o.equals(e.srcIp()) && !o.equals(e.dstIp())) {
                all.add(o);
            }
        }
        return all;
    }

    private void reload() {
        long start = System.nanoTime();
        IndicatorIndex.Builder builder = IndicatorIndex.builder();
        store.forEachActive(builder::add);
        index = builder.build();
        log.info("indicator index built: {} indicators in {} ms", index.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
