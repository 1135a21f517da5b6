package org.finres.detection.internal.indicator;

/**
 * An indicator, its type or a bulk list line is not acceptable; the message names exactly what is wrong and quotes
 * the offending text (shortened, control characters escaped) so it can be shown to the analyst who uploaded it.
 */
public class IndicatorFormatException extends IllegalArgumentException {

    public IndicatorFormatException(String message) {
        super(message);
    }
}
