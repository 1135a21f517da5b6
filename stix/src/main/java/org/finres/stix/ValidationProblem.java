package org.finres.stix;

/** One broken STIX rule: the JSON path of the value at fault (such as {@code $.objects[2].modified}) and why. */
public record ValidationProblem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
