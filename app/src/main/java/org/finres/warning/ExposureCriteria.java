package org.finres.warning;

import java.util.List;

/**
 * What makes a member exposed to a warning: any of its declared products, suppliers, address ranges or domains
 * matching any of these. Empty lists match nothing.
 */
public record ExposureCriteria(List<String> products, List<String> suppliers, List<String> ranges,
                               List<String> domains) {

    public static final ExposureCriteria NONE = new ExposureCriteria(List.of(), List.of(), List.of(), List.of());

    public ExposureCriteria {
        products = clean(products);
        suppliers = clean(suppliers);
        ranges = clean(ranges);
        domains = clean(domains);
    }

    public boolean isEmpty() {
        return products.isEmpty() && suppliers.isEmpty() && ranges.isEmpty() && domains.isEmpty();
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }
}
