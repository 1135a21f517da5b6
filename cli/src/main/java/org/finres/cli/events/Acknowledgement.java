package org.finres.cli.events;

import java.util.List;

/**
 * The hub's answer to one batch, after commit.
 *
 * @param accepted   events stored
 * @param duplicates events the hub already had (same deterministic id): a resend after an interruption
 * @param rejected   events that did not decode or validate
 * @param rejections why, by 0-based index in the batch
 */
record Acknowledgement(long accepted, long duplicates, long rejected, List<Rejection> rejections) {

    record Rejection(int index, String reason) {
    }

    Acknowledgement {
        rejections = List.copyOf(rejections);
    }
}
