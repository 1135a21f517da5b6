package org.finres.detection;

import java.util.List;

/** What an indicator upload did: values added, reactivated, already present, and every bad line with its reason. */
public record IndicatorUpload(String format, int added, int reactivated, int unchanged, List<String> errors,
                              int unlistedErrors) {

    public IndicatorUpload {
        errors = List.copyOf(errors);
    }
}
