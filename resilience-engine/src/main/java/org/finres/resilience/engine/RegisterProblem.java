package org.finres.resilience.engine;

/**
 * One thing wrong with a register: where (line and column of the source, 0 when it was built in code), which
 * element or group (empty when the problem is not about one) and what.
 */
public record RegisterProblem(int line, int column, String element, String message) {

    public RegisterProblem {
        element = element == null ? "" : element;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (line > 0) {
            sb.append("line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
            sb.append(": ");
        }
        if (!element.isEmpty()) {
            sb.append('\'').append(ElementId.abbreviate(element)).append("': ");
        }
        return sb.append(message).toString();
    }
}
