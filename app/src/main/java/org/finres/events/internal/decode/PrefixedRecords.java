package org.finres.events.internal.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.OcsfEvent;

/**
 * Line formats whose every record starts with a fixed prefix (CEF:, LEEF:): the input is split before each line
 * that starts with the prefix, so a line without it continues the record before it, and each record is decoded
 * on its own.
 */
final class PrefixedRecords {

    /** Decodes one record's text; {@code raw} is what the event keeps as its source. */
    @FunctionalInterface
    interface RecordDecoder {
        Decoding decode(String record, DecodeContext context);
    }

    private PrefixedRecords() {
    }

    static Decoding decode(byte[] input, DecodeContext context, String prefix, RecordDecoder decoder) {
        if (input.length > context.maxInputBytes()) {
            return new Decoding.Undecodable("input of " + input.length + " bytes exceeds the limit of "
                    + context.maxInputBytes(), "");
        }
        String text = SourceText.of(input);
        String[] records = text.split("\\r?\\n(?=" + Pattern.quote(prefix) + ")");
        if (records.length == 1) {
            return decoder.decode(text, context);
        }
        List<OcsfEvent> events = new ArrayList<>();
        List<Decoding.Undecodable> rejected = new ArrayList<>();
        for (String record : records) {
            switch (decoder.decode(record, context)) {
                case Decoding.Decoded decoded -> events.addAll(decoded.events());
                case Decoding.Undecodable undecodable -> rejected.add(undecodable);
            }
        }
        return events.isEmpty() ? rejected.getFirst() : new Decoding.Decoded(events, rejected);
    }
}
