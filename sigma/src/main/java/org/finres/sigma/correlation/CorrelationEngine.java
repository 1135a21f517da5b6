package org.finres.sigma.correlation;

import org.finres.sigma.rule.CorrelationRule;
import org.finres.sigma.rule.CorrelationRule.CorrelationType;
import org.finres.sigma.rule.SigmaDocument;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates correlation rules over the matches of their member rules, on event time.
 *
 * <p>Two evaluation modes, chosen per rule from its condition:
 * <ul>
 * <li><b>sliding</b> (conditions that are only lower bounds, {@code gt}/{@code gte}; temporal rules; event_count,
 * value_count, value_sum): fires as soon as some window of {@code timespan} holding the new event meets the condition,
 * then forgets that group's events so one burst raises one alert;</li>
 * <li><b>closing</b> (upper bounds, equality, value_avg, value_percentile): the window opens at the group's first
 * event and is decided once the watermark passes its end, because a count "below 5" is only known at the end.</li>
 * </ul>
 * The watermark is the newest event time minus the configured lateness; events older than it are counted as late and
 * ignored, events within it are placed in time order. Not thread-safe: one engine per event stream.
 */
public final class CorrelationEngine {

    /** Reads a field (a Sigma field name) of the observed event or of a member correlation's group. */
    @FunctionalInterface
    public interface Fields {
        Object get(String sigmaField);
    }

    /** A correlation rule with its members resolved to documents, in the order of its {@code rules} list. */
    public record Linked(CorrelationRule rule, List<SigmaDocument> members) {
        public Linked {
            members = List.copyOf(members);
        }
    }

    private record Entry(long time, int slot, String value, double number, long eventIndex, String input) {}

    private static final class Group {
        final List<String> key;
        final ArrayList<Entry> entries = new ArrayList<>();

        Group(List<String> key) {
            this.key = key;
        }

        long anchor() { return entries.isEmpty() ? Long.MAX_VALUE : entries.getFirst().time(); }

        void insert(Entry e) {
            int i = entries.size();
            while (i > 0 && entries.get(i - 1).time() > e.time()) i--;
            entries.add(i, e);
        }
    }

    private final class State {
        final Linked linked;
        final CorrelationRule rule;
        final long span;
        final boolean sliding;
        final CorrelationRule.Threshold threshold;
        final LinkedHashMap<List<String>, Group> groups = new LinkedHashMap<>(16, 0.75f, true);
        long nextClose = Long.MAX_VALUE;
        long lastSweep = Long.MIN_VALUE / 2;

        State(Linked linked) {
            this.linked = linked;
            this.rule = linked.rule();
            this.span = rule.timespan().toMillis();
            CorrelationRule.Threshold t = rule.threshold();
            if (t.criteria().isEmpty()) {
                // Temporal without a condition: every member rule must be seen.
                t = new CorrelationRule.Threshold(List.of(new CorrelationRule.Criterion(
                        CorrelationRule.Operator.GTE, distinctMembers(linked))));
            }
            this.threshold = t;
            this.sliding = switch (rule.type()) {
                case TEMPORAL_ORDERED -> true;
                case VALUE_AVG, VALUE_PERCENTILE -> false;
                case EVENT_COUNT, VALUE_COUNT, VALUE_SUM, TEMPORAL -> t.isLowerBoundOnly();
            };
        }
    }

    private static int distinctMembers(Linked l) {
        return (int) l.members().stream().map(System::identityHashCode).distinct().count();
    }

    private final CorrelationSettings settings;
    private final List<State> states = new ArrayList<>();
    private final Map<SigmaDocument, List<Membership>> memberships = new IdentityHashMap<>();
    private long maxTime = Long.MIN_VALUE;
    private long lateEvents;
    private long droppedGroups;
    private long droppedEntries;
    private long missingGroupField;

    private record Membership(State state, int slot, String reference) {}

    public CorrelationEngine(List<Linked> correlations, CorrelationSettings settings) {
        this.settings = settings;
        for (Linked l : correlations) {
            State s = new State(l);
            states.add(s);
            for (int i = 0; i < l.members().size(); i++)
                memberships.computeIfAbsent(l.members().get(i), d -> new ArrayList<>())
                        .add(new Membership(s, i, l.rule().rules().get(i)));
        }
    }

    /** True when some correlation refers to {@code doc}. */
    public boolean isMember(SigmaDocument doc) {
        return memberships.containsKey(doc);
    }

    /**
     * Records that {@code matched} matched an event and returns the correlations that fired as a result (chained
     * ones included, innermost first). {@code time} may be null: the event then counts at the newest time seen.
     */
    public List<CorrelationHit> observe(SigmaDocument matched, Fields fields, Instant time, long eventIndex, String input) {
        List<Membership> ms = memberships.get(matched);
        long t = time != null ? time.toEpochMilli() : (maxTime == Long.MIN_VALUE ? 0 : maxTime);
        if (time != null && maxTime != Long.MIN_VALUE && t < maxTime - settings.lateness().toMillis()) {
            if (ms != null) lateEvents++;
            return List.of();
        }
        if (t > maxTime) maxTime = t;
        if (ms == null) return List.of();
        List<CorrelationHit> out = new ArrayList<>();
        dispatch(matched, fields, t, eventIndex, input, out, 0);
        return out;
    }

    /** Feeds a match to every correlation that has the document as member, then their hits to their parents. */
    private void dispatch(SigmaDocument doc, Fields fields, long t, long eventIndex, String input,
                          List<CorrelationHit> out, int depth) {
        List<Membership> ms = memberships.get(doc);
        if (ms == null || depth > 32) return;
        for (Membership m : ms) {
            List<CorrelationHit> fired = new ArrayList<>(1);
            accept(m, fields, t, eventIndex, input, fired);
            chain(fired, out, depth);
        }
    }

    /** Adds hits to the output and passes each on to the correlations it is a member of (chaining). */
    private void chain(List<CorrelationHit> fired, List<CorrelationHit> out, int depth) {
        for (CorrelationHit h : fired) {
            out.add(h);
            dispatch(h.rule(), fieldsOf(h), h.time().toEpochMilli(), h.eventIndex(), h.input(), out, depth + 1);
        }
    }

    /** Moves the newest-seen event time forward for an event no correlation used (advances the watermark). */
    public void witness(Instant time) {
        long t = time.toEpochMilli();
        if (t > maxTime) maxTime = t;
    }

    /** True while some closing window is open: then every event's time matters, matched or not. */
    public boolean hasClosingWindows() {
        for (State s : states) if (!s.sliding && s.nextClose != Long.MAX_VALUE) return true;
        return false;
    }

    /** Closes the windows the watermark has passed; call after each event (cheap when nothing is due). */
    public List<CorrelationHit> advance() {
        if (maxTime == Long.MIN_VALUE) return List.of();
        return close(maxTime - settings.lateness().toMillis());
    }

    /** Closes every open window (end of input). */
    public List<CorrelationHit> flush() {
        return close(Long.MAX_VALUE);
    }

    private List<CorrelationHit> close(long watermark) {
        List<CorrelationHit> out = new ArrayList<>();
        List<CorrelationHit> closedHits = new ArrayList<>();
        for (State s : states) {
            if (s.sliding) {
                evict(s, watermark);
                continue;
            }
            if (s.nextClose == Long.MAX_VALUE || (watermark != Long.MAX_VALUE && s.nextClose >= watermark)) continue;
            long next = Long.MAX_VALUE;
            for (Iterator<Group> it = s.groups.values().iterator(); it.hasNext(); ) {
                Group g = it.next();
                while (!g.entries.isEmpty() && (watermark == Long.MAX_VALUE || g.anchor() + s.span < watermark)) {
                    long end = g.anchor() + s.span;
                    int n = 0;
                    while (n < g.entries.size() && g.entries.get(n).time() <= end) n++;
                    List<Entry> window = new ArrayList<>(g.entries.subList(0, n));
                    g.entries.subList(0, n).clear();
                    List<CorrelationHit> fired = new ArrayList<>(1);
                    decideClosed(s, g, window, fired);
                    closedHits.addAll(fired);
                }
                if (g.entries.isEmpty()) it.remove();
                else next = Math.min(next, g.anchor() + s.span);
            }
            s.nextClose = next;
        }
        // Hits of closed windows go on to chained correlations; closing again lets chained closing windows finish.
        chain(closedHits, out, 0);
        if (watermark == Long.MAX_VALUE && !closedHits.isEmpty()) out.addAll(close(watermark));
        return out;
    }

    /** Sliding windows never need events older than watermark - span: any window holding them is already decided. */
    private void evict(State s, long watermark) {
        if (watermark == Long.MAX_VALUE) {
            s.groups.clear();
            return;
        }
        long limit = watermark - s.span;
        // Sweeping is for memory only (windows ignore stale events), so do it about twice per timespan.
        if (s.groups.isEmpty() || watermark - s.lastSweep < Math.max(s.span / 2, 1000)) return;
        s.lastSweep = watermark;
        for (Iterator<Group> it = s.groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            int n = 0;
            while (n < g.entries.size() && g.entries.get(n).time() < limit) n++;
            if (n > 0) g.entries.subList(0, n).clear();
            if (g.entries.isEmpty()) it.remove();
        }
    }

    private void accept(Membership m, Fields fields, long t, long eventIndex, String input, List<CorrelationHit> out) {
        State s = m.state();
        CorrelationRule rule = s.rule;
        SigmaDocument member = s.linked.members().get(m.slot());
        List<String> key = new ArrayList<>(rule.groupBy().size());
        for (String g : rule.groupBy()) {
            Object v = fields.get(aliased(rule, g, member, m.reference()));
            if (v == null) {
                // Like a SIEM's "by" clause: an event without the group field belongs to no group.
                missingGroupField++;
                return;
            }
            key.add(String.valueOf(v));
        }
        String value = null;
        double number = Double.NaN;
        if (rule.type().needsField()) {
            StringBuilder b = new StringBuilder();
            for (String f : rule.valueFields()) {
                Object v = fields.get(aliased(rule, f, member, m.reference()));
                if (v == null) return;
                if (!b.isEmpty()) b.append('\u0000');
                b.append(v);
            }
            value = b.toString();
            if (rule.type() == CorrelationType.VALUE_SUM || rule.type() == CorrelationType.VALUE_AVG) {
                number = toNumber(fields.get(aliased(rule, rule.valueFields().getFirst(), member, m.reference())));
                if (Double.isNaN(number)) return;
            }
        }
        Group g = s.groups.get(key);
        if (g == null) {
            if (s.groups.size() >= settings.maxGroups()) {
                Iterator<Group> eldest = s.groups.values().iterator();
                eldest.next();
                eldest.remove();
                droppedGroups++;
            }
            g = new Group(List.copyOf(key));
            s.groups.put(g.key, g);
        }
        Entry e = new Entry(t, m.slot(), value, number, eventIndex, input);
        g.insert(e);
        if (g.entries.size() > settings.maxEntriesPerGroup()) {
            g.entries.removeFirst();
            droppedEntries++;
        }
        if (s.sliding) {
            decideSliding(s, g, e, out);
        } else {
            s.nextClose = Math.min(s.nextClose, g.anchor() + s.span);
        }
    }

    private static String aliased(CorrelationRule rule, String field, SigmaDocument member, String reference) {
        Map<String, String> perRule = rule.aliases().get(field);
        if (perRule == null) return field;
        String f = perRule.get(reference);
        if (f == null && member.name() != null) f = perRule.get(member.name());
        if (f == null && member.id() != null) f = perRule.get(member.id());
        return f != null ? f : field;
    }

    private static double toNumber(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v == null) return Double.NaN;
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void decideSliding(State s, Group g, Entry added, List<CorrelationHit> out) {
        List<Entry> es = g.entries;
        if (s.rule.type() == CorrelationType.TEMPORAL_ORDERED) {
            if (ordered(es, s.linked.members().size(), s.span)) fire(s, g, added, es.getLast().time(), s.linked.members().size(), out);
            return;
        }
        // Windows [end - span, end] that hold the new event end at an event time in [t, t + span]; for an in-order
        // event that is only t itself.
        int idx = es.indexOf(added);
        for (int endIdx = idx; endIdx < es.size() && es.get(endIdx).time() <= added.time() + s.span; endIdx++) {
            if (endIdx + 1 < es.size() && es.get(endIdx + 1).time() == es.get(endIdx).time()) continue;
            long end = es.get(endIdx).time();
            int startIdx = endIdx;
            while (startIdx > 0 && es.get(startIdx - 1).time() >= end - s.span) startIdx--;
            double value = aggregate(s.rule.type(), es.subList(startIdx, endIdx + 1));
            if (s.threshold.test(value)) {
                fire(s, g, added, end, value, out);
                return;
            }
        }
    }

    /** Is there a chain slot 0, 1, ..., n-1 in time order within {@code span}? Greedy earliest choice per start. */
    private static boolean ordered(List<Entry> es, int n, long span) {
        for (int i = 0; i < es.size(); i++) {
            if (es.get(i).slot() != 0) continue;
            long start = es.get(i).time();
            int expected = 1;
            if (expected == n) return true;
            for (int j = i + 1; j < es.size() && es.get(j).time() <= start + span; j++) {
                if (es.get(j).slot() == expected && ++expected == n) return true;
            }
        }
        return false;
    }

    private static double aggregate(CorrelationType type, List<Entry> window) {
        return switch (type) {
            case EVENT_COUNT -> window.size();
            case VALUE_COUNT -> {
                Set<String> distinct = new HashSet<>();
                for (Entry e : window) distinct.add(e.value());
                yield distinct.size();
            }
            case TEMPORAL, TEMPORAL_ORDERED -> {
                Set<Integer> slots = new HashSet<>();
                for (Entry e : window) slots.add(e.slot());
                yield slots.size();
            }
            case VALUE_SUM -> window.stream().mapToDouble(Entry::number).sum();
            case VALUE_AVG -> window.stream().mapToDouble(Entry::number).average().orElse(0);
            case VALUE_PERCENTILE -> throw new IllegalStateException("percentile is decided per value");
        };
    }

    private void decideClosed(State s, Group g, List<Entry> window, List<CorrelationHit> out) {
        if (window.isEmpty()) return;
        Entry last = window.getLast();
        if (s.rule.type() == CorrelationType.VALUE_PERCENTILE) {
            // The share (in percent) of the window's events that carry each value; rare values fire.
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Entry e : window) counts.merge(e.value(), 1, Integer::sum);
            for (Map.Entry<String, Integer> c : counts.entrySet()) {
                double pct = 100.0 * c.getValue() / window.size();
                if (s.threshold.test(pct)) {
                    Entry at = null;
                    for (Entry e : window) if (e.value().equals(c.getKey())) at = e;
                    Map<String, String> group = groupMap(s.rule, g);
                    group.put(String.join(",", s.rule.valueFields()), c.getKey().replace('\u0000', ','));
                    out.add(new CorrelationHit(s.rule, group, Instant.ofEpochMilli(at.time()), at.eventIndex(), at.input(), pct));
                }
            }
            return;
        }
        double value = aggregate(s.rule.type(), window);
        if (s.threshold.test(value))
            out.add(new CorrelationHit(s.rule, groupMap(s.rule, g), Instant.ofEpochMilli(last.time()), last.eventIndex(),
                    last.input(), value));
    }

    private void fire(State s, Group g, Entry trigger, long end, double value, List<CorrelationHit> out) {
        out.add(new CorrelationHit(s.rule, groupMap(s.rule, g), Instant.ofEpochMilli(Math.max(end, trigger.time())),
                trigger.eventIndex(), trigger.input(), value));
        g.entries.clear();
    }

    private static Map<String, String> groupMap(CorrelationRule rule, Group g) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < rule.groupBy().size(); i++) m.put(rule.groupBy().get(i), g.key.get(i));
        return m;
    }

    // ------------------------------------------------------------------------------------------ statistics

    /** Counters since start (or import): events too late, groups and entries dropped by the bounds. */
    public record Stats(long lateEvents, long droppedGroups, long droppedEntries, long missingGroupField,
                        long openGroups) {}

    public Stats stats() {
        long open = 0;
        for (State s : states) open += s.groups.size();
        return new Stats(lateEvents, droppedGroups, droppedEntries, missingGroupField, open);
    }

    // ------------------------------------------------------------------------------------- export / import

    public CorrelationState exportState() {
        List<CorrelationState.Rule> rules = new ArrayList<>();
        for (State s : states) {
            List<CorrelationState.Group> groups = new ArrayList<>();
            for (Group g : s.groups.values()) {
                List<CorrelationState.Entry> es = new ArrayList<>();
                for (Entry e : g.entries)
                    es.add(new CorrelationState.Entry(e.time(), e.slot(), e.value(), e.number(), e.eventIndex(), e.input()));
                groups.add(new CorrelationState.Group(g.key, es));
            }
            rules.add(new CorrelationState.Rule(s.rule.label(), groups));
        }
        return new CorrelationState(CorrelationState.VERSION, maxTime, rules);
    }

    /**
     * Replaces the state with an exported one. Correlations are matched by label; state of rules that no longer
     * exist, or whose member slots changed, is skipped. Returns how many groups were restored.
     */
    public int importState(CorrelationState state) {
        if (state.version() != CorrelationState.VERSION)
            throw new IllegalArgumentException("unsupported correlation state version " + state.version());
        Map<String, State> byLabel = new HashMap<>();
        for (State s : states) {
            s.groups.clear();
            s.nextClose = Long.MAX_VALUE;
            byLabel.put(s.rule.label(), s);
        }
        maxTime = state.maxTime();
        int restored = 0;
        for (CorrelationState.Rule r : state.correlations()) {
            State s = byLabel.get(r.correlation());
            if (s == null) continue;
            for (CorrelationState.Group gs : r.groups()) {
                if (gs.key().size() != s.rule.groupBy().size()) continue;
                Group g = new Group(List.copyOf(gs.key()));
                for (CorrelationState.Entry e : gs.entries()) {
                    if (e.slot() < 0 || e.slot() >= s.linked.members().size()) continue;
                    g.insert(new Entry(e.time(), e.slot(), e.value(), e.number(), e.eventIndex(), e.input()));
                }
                while (g.entries.size() > settings.maxEntriesPerGroup()) g.entries.removeFirst();
                if (g.entries.isEmpty() || s.groups.size() >= settings.maxGroups()) continue;
                s.groups.put(g.key, g);
                if (!s.sliding) s.nextClose = Math.min(s.nextClose, g.anchor() + s.span);
                restored++;
            }
        }
        return restored;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The state as JSON, for the hub to persist across a restart. */
    public String exportJson() {
        return JSON.writeValueAsString(exportState());
    }

    /** Restores state written by {@link #exportJson()}; rejects malformed JSON with IllegalArgumentException. */
    public int importJson(String json) {
        try {
            return importState(JSON.readValue(json, CorrelationState.class));
        } catch (JacksonException | NullPointerException e) {
            throw new IllegalArgumentException("not a correlation state: " + e.getMessage(), e);
        }
    }

    /** For the engine: which correlations refer to a document, to decide whether the document itself emits. */
    public List<CorrelationRule> referrers(SigmaDocument doc) {
        List<Membership> ms = memberships.get(doc);
        if (ms == null) return List.of();
        return ms.stream().map(m -> m.state().rule).distinct().toList();
    }

    /** Chained correlations see a member correlation's hit through its group values. */
    public static Fields fieldsOf(CorrelationHit hit) {
        Map<String, String> group = hit.group();
        return group::get;
    }
}
