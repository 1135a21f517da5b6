package org.finres.sigma.event;

import java.util.function.UnaryOperator;

/**
 * A small per-event memo from a field value (by identity) to a derived string, so a value tested by many rules is
 * transformed once per event. Collisions simply overwrite: it is a cache, never a source of truth.
 */
final class FoldMemo {

    private static final int SIZE = 64;
    private static final String NONE = new String("");

    private final String[] keys = new String[SIZE];
    private final String[] values = new String[SIZE];
    private final Object[] transforms = new Object[SIZE];

    String get(String s, UnaryOperator<String> transform) {
        int n = s.length();
        // A cheap slot (String.hashCode would read every char of every new value); collisions only cost a re-fold.
        int slot = (n == 0 ? 0 : n * 31 + s.charAt(n >> 1) * 7 + s.charAt(n - 1)) & (SIZE - 1);
        if (keys[slot] == s && transforms[slot] == transform) {
            String v = values[slot];
            return v == NONE ? null : v;
        }
        String v = transform.apply(s);
        keys[slot] = s;
        transforms[slot] = transform;
        values[slot] = v == null ? NONE : v;
        return v;
    }
}
