package org.finres.sigma.rule;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code logsource} of a rule or filter. The three evaluated attributes are lower-cased (the specification says
 * they are lower case, and matching them case-insensitively avoids surprises); other keys are kept for display only.
 */
public record LogSource(String category, String product, String service, Map<String, String> other) {

    public static final LogSource ANY = new LogSource(null, null, null, Map.of());

    public LogSource {
        category = norm(category);
        product = norm(product);
        service = norm(service);
        other = Map.copyOf(other);
    }

    private static String norm(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /** The value of one evaluated attribute by name (category, product, service), or null. */
    public String attribute(String name) {
        return switch (name) {
            case "category" -> category;
            case "product" -> product;
            case "service" -> service;
            default -> null;
        };
    }

    /** True when every attribute this log source sets is set to the same value in {@code other}. */
    public boolean isCoveredBy(LogSource other) {
        return (category == null || category.equals(other.category))
                && (product == null || product.equals(other.product))
                && (service == null || service.equals(other.service));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        if (product != null) b.append("product=").append(product);
        if (category != null) b.append(b.length() > 1 ? ", " : "").append("category=").append(category);
        if (service != null) b.append(b.length() > 1 ? ", " : "").append("service=").append(service);
        return b.append('}').toString();
    }
}
