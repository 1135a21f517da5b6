package org.finres.sigma.match;

import org.finres.sigma.event.EventView;

import java.util.List;

/** A compiled boolean expression over one event: the detection after field mapping, or a log-source predicate. */
public sealed interface Expr {

    boolean matches(EventView event);

    record And(Expr[] parts) implements Expr {
        @Override
        public boolean matches(EventView e) {
            for (Expr p : parts) if (!p.matches(e)) return false;
            return true;
        }
    }

    record Or(Expr[] parts) implements Expr {
        @Override
        public boolean matches(EventView e) {
            for (Expr p : parts) if (p.matches(e)) return true;
            return false;
        }
    }

    record Not(Expr inner) implements Expr {
        @Override
        public boolean matches(EventView e) { return !inner.matches(e); }
    }

    record Const(boolean value) implements Expr {
        @Override
        public boolean matches(EventView e) { return value; }
    }

    /**
     * A field test: the first present of {@code paths} is read; an absent or null value never matches; array values
     * match when an element does. Values are OR-ed, or AND-ed with {@code all}.
     */
    record Field(String sigmaField, String[] paths, ValueTest[] tests, boolean all) implements Expr {
        @Override
        public boolean matches(EventView e) {
            Object v = read(e, paths);
            if (v == null || v == EventView.JSON_NULL) return false;
            if (all) {
                for (ValueTest t : tests) if (!one(t, v, e)) return false;
                return true;
            }
            for (ValueTest t : tests) if (one(t, v, e)) return true;
            return false;
        }

        private static boolean one(ValueTest t, Object v, EventView e) {
            if (v instanceof List<?> list) {
                for (Object item : list) if (item != EventView.JSON_NULL && !(item instanceof List) && t.test(item, e)) return true;
                return false;
            }
            return t.test(v, e);
        }
    }

    /** {@code field: null}: absent or explicitly null. */
    record FieldNull(String sigmaField, String[] paths) implements Expr {
        @Override
        public boolean matches(EventView e) {
            Object v = read(e, paths);
            return v == null || v == EventView.JSON_NULL;
        }
    }

    /** {@code field|exists: true/false}: presence only, whatever the value (null included). */
    record FieldExists(String sigmaField, String[] paths, boolean expected) implements Expr {
        @Override
        public boolean matches(EventView e) {
            return (read(e, paths) != null) == expected;
        }
    }

    /** Keyword search: a test (each test with {@code all}) must accept some value of the event. */
    record Keywords(ValueTest[] tests, boolean all) implements Expr {
        @Override
        public boolean matches(EventView e) {
            if (all) {
                for (ValueTest t : tests) if (!e.anyValue(v -> t.test(v, e))) return false;
                return true;
            }
            return e.anyValue(v -> {
                for (ValueTest t : tests) if (t.test(v, e)) return true;
                return false;
            });
        }
    }

    static Object read(EventView e, String[] paths) {
        for (String p : paths) {
            Object v = e.field(p);
            if (v != null) return v;
        }
        return null;
    }
}
