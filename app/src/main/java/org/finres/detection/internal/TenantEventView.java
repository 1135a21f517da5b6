package org.finres.detection.internal;

import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.finres.sigma.event.EventView;

/**
 * An event as the hub's engine sees it: the decoded document plus two fields the hub vouches for, {@code
 * institution} (from the sender's credential, never from the payload) and {@code finres_view} (which shape the
 * document has, so that the pipeline applies the right field mapping). A payload field of the same name is
 * hidden, so that no sender can claim to be another institution.
 */
public record TenantEventView(EventView document, String institution, String view, Instant notAfter)
        implements EventView {

    public static final String VIEW_FIELD = "finres_view";

    /** How far ahead of its receipt an event's own time may be before the receipt time is used instead. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(2);

    @Override
    public Object field(String name) {
        if (RuleTransform.INSTITUTION_FIELD.equals(name)) {
            return institution;
        }
        if (VIEW_FIELD.equals(name)) {
            return view;
        }
        return document.field(name);
    }

    /**
     * The event's own time, but never later than its receipt allows: one sender with a clock running ahead must not
     * push the correlation watermark forward and make every other institution's events late.
     */
    @Override
    public Instant timestamp() {
        Instant t = document.timestamp();
        if (t == null || notAfter == null) {
            return t == null ? notAfter : t;
        }
        Instant limit = notAfter.plus(CLOCK_SKEW);
        return t.isAfter(limit) ? notAfter : t;
    }

    @Override
    public boolean anyValue(Predicate<Object> test) {
        return document.anyValue(test);
    }

    @Override
    public String derived(String value, UnaryOperator<String> transform) {
        return document.derived(value, transform);
    }
}
