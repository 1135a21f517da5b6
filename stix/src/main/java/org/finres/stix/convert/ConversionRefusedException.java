package org.finres.stix.convert;

/**
 * The whole input was refused: it is not of the format at all (no CSV header, an unknown column, broken JSON, no
 * MISP event). Problems confined to single rows or attributes never refuse the input; they are listed in the
 * {@link Conversion} instead.
 */
public final class ConversionRefusedException extends RuntimeException {

    private final String location;

    public ConversionRefusedException(String location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    /** Where the input went wrong, such as {@code line 1} or {@code $.Event}. */
    public String location() {
        return location;
    }
}
