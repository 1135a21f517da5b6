package org.finres.sigma.rule;

import java.util.List;

/**
 * A meta filter: suppresses the matches of the referenced rules (by id or name) for events that satisfy its
 * condition, when its log source is compatible with the rule's.
 */
public record SigmaFilter(String id, String name, String title, LogSource logsource, List<String> rules,
                          Detection detection, Origin origin) implements SigmaDocument {
    public SigmaFilter {
        rules = List.copyOf(rules);
    }
}
