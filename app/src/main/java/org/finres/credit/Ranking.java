package org.finres.credit;

import java.time.YearMonth;
import java.util.List;

/** A month's ranking as one viewer may see it; {@code named} when every line carries its institution. */
public record Ranking(YearMonth month, List<RankingRow> rows, boolean named, String rulesVersion) {

    public Ranking {
        rows = List.copyOf(rows);
    }
}
