package org.finres.cli.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * One request's worth of records, gzip'd as NDJSON, and where each input it touches stands once it is
 * acknowledged. A batch may span inputs, so many small files do not cost one request each.
 *
 * @param body     the gzip'd NDJSON body
 * @param events   records in the batch
 * @param rawBytes uncompressed NDJSON bytes
 * @param segments per input, in order: what the batch holds of it
 */
record Batch(byte[] body, int events, long rawBytes, List<Segment> segments) {

    /**
     * The part of one input in a batch.
     *
     * @param input      the input
     * @param firstEvent 0-based number within the input of the segment's first record
     * @param count      records of the input in the batch
     * @param endOffset  decoded bytes of the input acknowledged with this batch
     * @param endEvents  records of the input acknowledged with this batch
     * @param complete   whether the segment reaches the end of the input
     */
    record Segment(Input input, long firstEvent, int count, long endOffset, long endEvents, boolean complete) {
    }

    Batch {
        segments = List.copyOf(segments);
    }

    /** The input and 0-based record number of the batch's {@code index}-th record, for rejection messages. */
    String locate(int index) {
        int remaining = index;
        for (Segment segment : segments) {
            if (remaining < segment.count()) {
                return segment.input().key() + " record " + (segment.firstEvent() + remaining + 1);
            }
            remaining -= segment.count();
        }
        return "record " + (index + 1) + " of a batch";
    }

    /** Collects records until the batch is full by count or by size. */
    static final class Builder {

        /** Well under the hub's 32 MB per request after decompression, whatever --batch says. */
        static final long MAX_RAW_BYTES = 16L << 20;

        private final int maxEvents;
        private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        private GZIPOutputStream gzip;
        private final List<Segment> segments = new ArrayList<>();
        private int events;
        private long rawBytes;
        private Input current;
        private long currentFirst;
        private int currentCount;
        private long currentOffset;
        private long currentEvents;

        Builder(int maxEvents) {
            this.maxEvents = maxEvents;
            reset();
        }

        private void reset() {
            compressed.reset();
            try {
                gzip = new GZIPOutputStream(compressed, 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            segments.clear();
            events = 0;
            rawBytes = 0;
            current = null;
        }

        void add(Input input, RecordReader.Record record) {
            if (input != current) {
                closeSegment(false);
                current = input;
                currentFirst = record.endEvents() - 1;
                currentCount = 0;
            }
            try {
                gzip.write(record.bytes());
                gzip.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            events++;
            rawBytes += record.bytes().length + 1;
            currentCount++;
            currentOffset = record.endOffset();
            currentEvents = record.endEvents();
        }

        /** Marks the end of the current input: its segment is complete. */
        void endOfInput(Input input, long endOffset, long endEvents) {
            if (current == input) {
                currentOffset = endOffset;
                currentEvents = endEvents;
                closeSegment(true);
            } else {
                // The input's last records went out in an earlier batch, or it had none: nothing left to send.
                segments.add(new Segment(input, endEvents, 0, endOffset, endEvents, true));
            }
        }

        private void closeSegment(boolean complete) {
            if (current != null) {
                segments.add(new Segment(current, currentFirst, currentCount, currentOffset, currentEvents, complete));
                current = null;
            }
        }

        boolean full() {
            return events >= maxEvents || rawBytes >= MAX_RAW_BYTES;
        }

        boolean isEmpty() {
            return events == 0 && segments.isEmpty() && current == null;
        }

        /** The batch so far; the builder starts a new one, continuing the current input's segment. */
        Batch take() {
            Input open = current;
            closeSegment(false);
            try {
                gzip.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Batch batch = new Batch(compressed.toByteArray(), events, rawBytes, segments);
            reset();
            if (open != null) {
                current = open;
                currentFirst = currentEvents;
                currentCount = 0;
            }
            return batch;
        }
    }
}
