package org.finres.resilience.drill.plan;

/** One thing wrong in a plan: where (line and column, 1-based; 0 when unknown), the field's path, and what. */
public record PlanProblem(int line, int column, String path, String message) {

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + (column > 0 ? ":" + column : "") + ": " : "")
                + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
