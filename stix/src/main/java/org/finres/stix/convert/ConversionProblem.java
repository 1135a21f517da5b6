package org.finres.stix.convert;

/**
 * One row, attribute or value that was not converted. {@code location} names it the way the input is read by
 * people: {@code line 7, column value} for CSV, {@code Event.Attribute[3].value} for MISP.
 */
public record ConversionProblem(String location, String message) {

    public ConversionProblem {
        if (location == null || location.isBlank()) throw new IllegalArgumentException("a problem needs a location");
        if (message == null || message.isBlank()) throw new IllegalArgumentException("a problem needs a message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
