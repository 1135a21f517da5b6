package org.finres.credit;

import java.util.Map;

import org.finres.core.InstitutionId;

/**
 * One member's line in a month's ranking. {@code institution} and {@code name} are {@code null} when the viewer may
 * not know who it is (another member, ranking not public): it is then "member #{@code position}".
 *
 * @param rank     competition rank (equal points, equal rank; the next rank skips)
 * @param position the line's place in the list, what an anonymised member is called by
 */
public record RankingRow(int rank, int position, InstitutionId institution, String name, boolean own, int points,
                         Map<CreditKind, Integer> counts) {

    public RankingRow {
        counts = Map.copyOf(counts);
    }

    public int count(CreditKind kind) {
        return counts.getOrDefault(kind, 0);
    }

    /** How the member is named to this viewer. */
    public String label() {
        return name != null ? name : "member #" + position;
    }
}
