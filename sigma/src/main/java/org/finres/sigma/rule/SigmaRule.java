package org.finres.sigma.rule;

import java.util.List;

/**
 * A Sigma detection rule. Meta attributes the engine does not evaluate (author, references, ...) are not kept;
 * {@code taxonomy} is null for the default {@code sigma} taxonomy.
 */
public record SigmaRule(String id, String name, String title, String status, String description, Level level,
                        String taxonomy, LogSource logsource, Detection detection, List<String> tags,
                        List<String> fields, Origin origin) implements SigmaDocument {
    public SigmaRule {
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
    }
}
