package org.finres.vault.engine;

import java.util.List;

/**
 * The outcome of {@link VaultRepository#verify()}: every problem found (not only the first) and what was read.
 * Packs that no index names but whose header is sound ({@code unindexedPacks}, left by an interrupted backup) and
 * leftover temporary files are not problems: the next backup adopts the former, prune removes both.
 */
public record VerifyReport(List<Problem> problems, int packs, long blobs, long bytesRead, int snapshots,
        int unindexedPacks, int temporaryFiles) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(ok() ? "repository is sound" : problems.size() + " problem(s)").append(": ").append(packs)
                .append(" packs, ").append(blobs).append(" blobs, ").append(bytesRead).append(" bytes read, ")
                .append(snapshots).append(" snapshots");
        problems.forEach(p -> s.append("\n  ").append(p.describe()));
        return s.toString();
    }
}
