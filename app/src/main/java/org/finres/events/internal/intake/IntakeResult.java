package org.finres.events.internal.intake;

import java.util.List;

/**
 * What a committed batch came to.
 *
 * @param accepted   events stored by this batch
 * @param duplicates events already stored before (a resend or redelivery), stored once
 * @param rejected   records or parts of records that could not be decoded; each is in the dead-letter store
 * @param rejections the first rejections, by record index, with their reasons
 */
public record IntakeResult(int accepted, int duplicates, int rejected, List<Rejection> rejections) {

    /** A record (by its 0-based index in the batch) that was not decoded, and why; {@code deadLetter} is its id. */
    public record Rejection(int index, String reason, long deadLetter) {
    }
}
