package org.finres.sigma.rule;

import java.util.List;

/**
 * The body of a search identifier: maps are AND, lists are OR, a field item ORs its values (AND with {@code all}),
 * keywords search every value of the event.
 */
public sealed interface DetectionItem {

    /** {@code field|mod1|mod2: value(s)}. */
    record FieldItem(String field, List<Modifier> modifiers, List<SigmaValue> values, int line, int column)
            implements DetectionItem {
        public FieldItem {
            modifiers = List.copyOf(modifiers);
            values = List.copyOf(values);
        }
    }

    /** Keyword search: a list of values (or {@code '|all': [...]}) applied to every value of the event. */
    record Keywords(List<Modifier> modifiers, List<SigmaValue> values, int line, int column) implements DetectionItem {
        public Keywords {
            modifiers = List.copyOf(modifiers);
            values = List.copyOf(values);
        }
    }

    /** A YAML map: every entry must match. */
    record AllOf(List<DetectionItem> items) implements DetectionItem {
        public AllOf { items = List.copyOf(items); }
    }

    /** A YAML list of maps (or of maps and keywords): one entry must match. */
    record AnyOf(List<DetectionItem> items) implements DetectionItem {
        public AnyOf { items = List.copyOf(items); }
    }
}
