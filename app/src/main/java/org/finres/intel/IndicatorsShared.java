package org.finres.intel;

import java.util.List;
import java.util.Objects;

/**
 * The indicators one request shared (a TAXII POST, a share through the API, page or CLI), in the order they came.
 * One event per request rather than one per indicator: a listener then does its work for a thousand-object
 * envelope in one transaction, not a thousand.
 */
public record IndicatorsShared(List<IndicatorShared> shares) {

    public IndicatorsShared {
        shares = List.copyOf(Objects.requireNonNull(shares, "shares"));
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("an IndicatorsShared event names at least one share");
        }
    }
}
