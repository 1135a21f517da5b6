package org.finres.detection.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.finres.core.InstitutionId;
import org.finres.detection.AlertKind;
import org.finres.detection.RuleScope;
import org.finres.detection.internal.indicator.IndicatorHit;
import org.finres.events.CommittedEvent;
import org.finres.events.CommittedEventLog;
import org.finres.events.CommittedEventSink;
import org.finres.events.InputFormat;
import org.finres.sigma.Match;
import org.finres.sigma.event.EventView;
import org.finres.sigma.event.FlatEventView;
import org.finres.sigma.rule.CorrelationRule;
import org.finres.sigma.rule.SigmaDocument;
import org.finres.sigma.rule.SigmaFilter;
import org.finres.sigma.rule.SigmaRule;
import org.finres.stix.attack.TechniqueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming detection stage: one thread that takes each committed batch from a bounded queue, evaluates every
 * event against the catalogue's engine and the indicator index, writes the alerts, and then evaluates the
 * resulting detection facts for sector rules. The intake never waits for it: when the queue is full the batch is
 * dropped and the worker catches up from the store from its checkpoint, as it does after a restart, so that every
 * committed event is evaluated at least once (a bounded memory of recent event ids and idempotent alerts make
 * "at least" harmless).
 */
@Component
class DetectionWorker implements CommittedEventSink, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DetectionWorker.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CATCH_UP_PAGE = 2_000;
    private static final int RECENT_IDS = 200_000;
    private static final int EVIDENCE_RING = 1 << 16;

    private final DetectionEngines engines;
    private final IndicatorMatching indicators;
    private final AlertWriter writer;
    private final CommittedEventLog log_;
    private final DetectionStateStore state;
    private final DetectionProperties properties;
    private final Clock clock;
    private final BlockingQueue<List<CommittedEvent>> queue;
    private final AtomicBoolean lagging = new AtomicBoolean();
    private final AtomicLong evaluated = new AtomicLong();
    private final AtomicLong queuedEvents = new AtomicLong();
    private final Counter dropped;
    private final Counter evaluatedCounter;
    private final Counter failed;
    private final LinkedHashSet<UUID> recent = new LinkedHashSet<>();
    private final AlertHit.EvidenceEvent[] ring = new AlertHit.EvidenceEvent[EVIDENCE_RING];
    private volatile boolean running;
    private volatile Thread thread;
    private volatile boolean idle = true;
    private Instant checkpoint;
    private UUID checkpointId;
    private long sequence;
    private Instant lastSave = Instant.EPOCH;
    private Instant lastPrune = Instant.EPOCH;

    DetectionWorker(DetectionEngines engines, IndicatorMatching indicators, AlertWriter writer,
                    CommittedEventLog eventLog, DetectionStateStore state, DetectionProperties properties, Clock clock,
                    MeterRegistry meters) {
        this.engines = engines;
        this.indicators = indicators;
        this.writer = writer;
        this.log_ = eventLog;
        this.state = state;
        this.properties = properties;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, properties.queueBatches()));
        this.dropped = meters.counter("finres.detection.batches.deferred");
        this.evaluatedCounter = meters.counter("finres.detection.events.evaluated");
        this.failed = meters.counter("finres.detection.batches.failed");
        meters.gauge("finres.detection.queue.batches", queue, BlockingQueue::size);
    }

    @Override
    public void accept(List<CommittedEvent> events) {
        if (!running || events.isEmpty()) {
            return;
        }
        // Bounded in events as well as batches: a few full batches with their raw input can be large.
        if (queuedEvents.get() + events.size() > properties.queueEvents() || !queue.offer(events)) {
            // The events are in the store; the worker reads them from there once it has room again.
            lagging.set(true);
            dropped.increment();
        } else {
            queuedEvents.addAndGet(events.size());
        }
    }

    /** Events evaluated since start (for tests and the status page). */
    long evaluated() {
        return evaluated.get();
    }

    /** True when nothing is queued or being evaluated (for tests that wait for detection to settle). */
    boolean settled() {
        return idle && queue.isEmpty() && !lagging.get() && !engines.rebuildPending();
    }

    @Override
    public void start() {
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        Thread t = Thread.ofPlatform().name("finres-detection").daemon(true).unstarted(this::run);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the database and before the transports, so that no committed batch finds the worker absent. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2 - 100;
    }

    private void run() {
        try {
            DetectionEngine engine = engines.engine();
            state.state().ifPresent(s -> {
                int groups = engines.restore(s);
                log.info("detection: {} correlation groups restored", groups);
            });
            Instant saved = state.checkpoint().orElse(null);
            if (saved != null) {
                replayBefore(saved);
                checkpoint = saved;
                catchUp();
            } else {
                checkpoint = clock.instant();
            }
            while (running) {
                if (lagging.getAndSet(false)) {
                    List<List<CommittedEvent>> stale = new ArrayList<>();
                    queue.drainTo(stale);
                    stale.forEach(b -> queuedEvents.addAndGet(-b.size()));
                    catchUp();
                }
                List<CommittedEvent> batch = queue.poll(500, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    queuedEvents.addAndGet(-batch.size());
                    idle = false;
                    try {
                        process(batch);
                    } catch (RuntimeException e) {
                        // One batch that cannot be evaluated (a database error, a rule that throws) must not stop
                        // detection for the sector; its events stay in the store and its failure is counted.
                        failed.increment();
                        log.error("detection failed on a batch of {} events: {}", batch.size(), e.toString(), e);
                    } finally {
                        idle = true;
                    }
                }
                housekeeping(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("detection worker stopped: {}", e.toString(), e);
        } finally {
            try {
                housekeeping(true);
            } catch (RuntimeException e) {
                log.warn("detection state not saved at stop: {}", e.toString());
            }
            running = false;
        }
    }

    /**
     * Batches commit out of receipt order, so an event received shortly before the saved checkpoint may have been
     * committed after it was saved and never evaluated. Those events are evaluated again, but by an engine without
     * state and for detections and indicators only: the restored correlation windows already hold the ones that
     * were evaluated, and counting them twice would make thresholds fire that were not met.
     */
    private void replayBefore(Instant saved) {
        DetectionEngine scratch = engines.scratch();
        Instant from = saved.minus(properties.replayMargin());
        UUID after = null;
        long replayed = 0;
        while (running) {
            List<CommittedEvent> page = log_.after(from, after, CATCH_UP_PAGE);
            List<CommittedEvent> before = page.stream().filter(e -> !e.receivedAt().isAfter(saved)).toList();
            if (!before.isEmpty()) {
                process(before, scratch, false);
                replayed += before.size();
            }
            if (before.size() < CATCH_UP_PAGE) {
                break;
            }
            from = before.getLast().receivedAt();
            after = before.getLast().eventId();
        }
        if (replayed > 0) {
            log.info("detection re-checked {} events received just before its checkpoint", replayed);
        }
    }

    private void catchUp() {
        long caught = 0;
        while (running) {
            List<CommittedEvent> page = log_.after(checkpoint, checkpointId, CATCH_UP_PAGE);
            if (page.isEmpty()) {
                break;
            }
            idle = false;
            try {
                process(page);
            } finally {
                idle = true;
            }
            CommittedEvent last = page.getLast();
            checkpoint = last.receivedAt();
            checkpointId = last.eventId();
            caught += page.size();
            if (page.size() < CATCH_UP_PAGE) {
                break;
            }
        }
        if (caught > 0) {
            log.info("detection caught up on {} events from the store", caught);
        }
        checkpointId = null;
    }

    private void housekeeping(boolean force) {
        Instant now = clock.instant();
        if (force || Duration.between(lastSave, now).compareTo(properties.stateEvery()) >= 0) {
            state.save(engines.engine().exportState(), checkpoint, now);
            lastSave = now;
        }
        if (!force && Duration.between(lastPrune, now).toHours() >= 1) {
            writer.pruneFacts();
            lastPrune = now;
        }
    }

    /** Evaluates one batch, writes its alerts, then evaluates the facts they became. */
    void process(List<CommittedEvent> batch) {
        process(batch, engines.engine(), true);
    }

    /**
     * @param stateful false for a re-check with an engine without state: correlation hits and detection facts are
     *                 left out, since the restored state already counted these events
     */
    private void process(List<CommittedEvent> batch, DetectionEngine engine, boolean stateful) {
        List<AlertHit> hits = new ArrayList<>();
        Instant newest = checkpoint;
        for (CommittedEvent e : batch) {
            if (newest == null || e.receivedAt().isAfter(newest)) {
                newest = e.receivedAt();
            }
            if (!remember(e.eventId())) {
                continue;
            }
            long seq = ++sequence;
            AlertHit.EvidenceEvent evidence = new AlertHit.EvidenceEvent(e.institution(), e.eventId(), e.eventTime(),
                    e.srcIp(), e.dstIp(), e.userName(), e.deviceName(), e.observables());
            ring[(int) (seq & (EVIDENCE_RING - 1))] = evidence;
            EventView view = viewOf(e);
            if (view != null) {
                for (DetectionEngine.Hit h : engine.evaluate(view, e.institution().value(), seq)) {
                    if (!stateful && h.match().kind() == Match.Kind.CORRELATION) {
                        continue;
                    }
                    AlertHit hit = fromEngine(h, e.institution(), e.eventTime(), evidence, stateful);
                    if (hit != null) {
                        hits.add(hit);
                    }
                }
            }
            indicators.match(e, h -> hits.add(fromIndicator(h, evidence, stateful)));
            evaluated.incrementAndGet();
            evaluatedCounter.increment();
        }
        if (stateful) {
            checkpoint = newest;
        }
        List<WrittenFact> facts = writer.write(hits);
        List<AlertHit> fromFacts = new ArrayList<>();
        for (WrittenFact fact : facts) {
            EventView view = factView(fact);
            for (DetectionEngine.Hit h : engine.evaluate(view, fact.institution().value(), ++sequence)) {
                if (h.rule().scope() == RuleScope.SECTOR) {
                    sector(h, fact);
                } else {
                    // A hub or institution rule over facts ("three alerts on one host"): an ordinary alert, which
                    // becomes no further fact, so facts never feed on themselves.
                    AlertHit hit = fromEngine(h, fact.institution(), fact.time(), null, false);
                    if (hit != null) {
                        fromFacts.add(hit);
                    }
                }
            }
        }
        writer.write(fromFacts);
    }

    private boolean remember(UUID id) {
        if (!recent.add(id)) {
            return false;
        }
        if (recent.size() > RECENT_IDS) {
            var it = recent.iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    /** Windows events in their native shape when the raw input is kept; everything else as its OCSF document. */
    static EventView viewOf(CommittedEvent e) {
        try {
            if (e.format() == InputFormat.WINDOWS_EVENT_JSON && e.raw() != null) {
                JsonNode node = JSON.readTree(e.raw());
                if (node != null && node.isObject()) {
                    return new TenantEventView(EventView.of(node), e.institution().value(), "windows", e.receivedAt());
                }
            }
            JsonNode ocsf = JSON.readTree(e.ocsfJson());
            return new TenantEventView(new FlatEventView(ocsf), e.institution().value(), "ocsf", e.receivedAt());
        } catch (RuntimeException ex) {
            log.debug("event {} not evaluated: {}", e.eventId(), ex.toString());
            return null;
        }
    }

    private static EventView factView(WrittenFact fact) {
        ObjectNode node = JSON.createObjectNode();
        fact.fields().forEach(node::put);
        node.put("@timestamp", fact.time().toString());
        return new TenantEventView(new FlatEventView(node), fact.institution().value(), fact.view(), null);
    }

    private AlertHit fromEngine(DetectionEngine.Hit h, InstitutionId eventInstitution, Instant eventTime,
                                AlertHit.EvidenceEvent evidence, boolean makeFact) {
        DetectionEngine.RuleMeta rule = h.rule();
        Match m = h.match();
        if (rule.scope() == RuleScope.SECTOR) {
            return null;
        }
        boolean correlation = m.kind() == Match.Kind.CORRELATION;
        InstitutionId institution = eventInstitution;
        Map<String, String> group = new TreeMap<>(m.group());
        String groupInstitution = group.remove(RuleTransform.INSTITUTION_FIELD);
        if (groupInstitution != null) {
            institution = InstitutionId.of(groupInstitution);
        }
        AlertHit.EvidenceEvent shown = evidence;
        if (correlation) {
            AlertHit.EvidenceEvent completing = ring[(int) (m.eventIndex() & (EVIDENCE_RING - 1))];
            shown = completing != null && completing.institution().equals(institution) ? completing : null;
        }
        Instant time = m.eventTime() != null ? m.eventTime() : eventTime;
        String dedup = correlation ? canonical(group)
                : evidence == null ? "-" : firstNonNull(evidence.deviceName(), evidence.srcIp(), "-");
        Map<String, String> facts = null;
        if (makeFact) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("rule_id", rule.key());
            f.put("rule_title", rule.title());
            f.put("level", rule.level());
            f.put("kind", correlation ? "correlation" : "detection");
            f.put("src_ip", group.getOrDefault("src_ip", shown == null ? null : shown.srcIp()));
            f.put("dst_ip", shown == null ? null : shown.dstIp());
            f.put("user", shown == null ? null : shown.userName());
            f.put("device", shown == null ? null : shown.deviceName());
            f.put("file_hash", shown == null ? null : fileHash(shown.observables()));
            facts = AlertWriter.facts(f);
        }
        return new AlertHit(correlation ? AlertKind.CORRELATION : AlertKind.DETECTION, institution, rule.key(),
                rule.title(), description(rule.document()), rule.level() == null ? "medium" : rule.level(), dedup,
                group, time, shown == null ? List.of() : List.of(shown), facts, techniques(rule.document()));
    }

    private AlertHit fromIndicator(IndicatorHit h, AlertHit.EvidenceEvent evidence, boolean makeFact) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("indicator_id", Long.toString(h.indicatorId()));
        facts.put("indicator_type", h.type().code());
        facts.put("indicator_value", h.indicatorValue());
        facts.put("observed", h.observable());
        return new AlertHit(AlertKind.INDICATOR, evidence.institution(), "indicator:" + h.indicatorId(),
                "Indicator " + h.type().code() + " " + h.indicatorValue() + " seen",
                "An observable of the event matched the indicator " + h.indicatorValue() + ".", "high",
                h.indicatorValue(), Map.of("indicator", h.indicatorValue()), evidence.eventTime(), List.of(evidence),
                makeFact ? facts : null);
    }

    private void sector(DetectionEngine.Hit h, WrittenFact fact) {
        DetectionEngine.RuleMeta rule = h.rule();
        Map<String, String> group = new TreeMap<>(h.match().group());
        Duration timespan = rule.document() instanceof CorrelationRule c ? c.timespan() : null;
        Instant time = h.match().eventTime() != null ? h.match().eventTime() : fact.time();
        AlertHit hit = new AlertHit(AlertKind.SECTOR, InstitutionId.HUB, rule.key(), rule.title(),
                description(rule.document()), rule.level() == null ? "high" : rule.level(), canonical(group), group,
                time, List.of(), null, techniques(rule.document()));
        writer.writeSector(hit, timespan, fact.institution());
    }

    private static List<TechniqueId> techniques(SigmaDocument d) {
        return switch (d) {
            case SigmaRule r -> AlertHit.techniquesOf(r.tags());
            case CorrelationRule c -> AlertHit.techniquesOf(c.tags());
            case SigmaFilter f -> List.of();
        };
    }

    private static String description(SigmaDocument d) {
        return switch (d) {
            case SigmaRule r -> r.description();
            case CorrelationRule c -> c.description();
            case SigmaFilter f -> null;
        };
    }

    static String canonical(Map<String, String> group) {
        if (group.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        new TreeMap<>(group).forEach((k, v) -> b.append(b.isEmpty() ? "" : "|").append(k).append('=').append(v));
        return b.toString();
    }

    private static String fileHash(List<String> observables) {
        for (String o : observables) {
            int n = o.length();
            if ((n == 32 || n == 40 || n == 64) && o.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return o.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
