package org.finres.events;

import java.util.List;
import java.util.Objects;

/** What a decoder made of its input: events (and the parts it had to reject), or nothing it could use. */
public sealed interface Decoding {

    /**
     * @param events   the decoded events, in input order
     * @param rejected parts of a multi-event input (one JSON line, one object of a file) that could not be decoded
     */
    record Decoded(List<OcsfEvent> events, List<Undecodable> rejected) implements Decoding {

        public Decoded {
            events = List.copyOf(events);
            rejected = List.copyOf(rejected);
        }

        public static Decoded of(OcsfEvent event) {
            return new Decoded(List.of(event), List.of());
        }
    }

    /**
     * @param reason  why, in words an operator can act on
     * @param excerpt the start of the offending input, control characters escaped, for the log
     */
    record Undecodable(String reason, String excerpt) implements Decoding {

        private static final int EXCERPT_LENGTH = 120;

        public Undecodable {
            Objects.requireNonNull(reason, "reason");
            excerpt = excerpt == null ? "" : excerpt;
        }

        public static Undecodable of(String reason, CharSequence input) {
            return new Undecodable(reason, excerptOf(input));
        }

        static String excerptOf(CharSequence input) {
            if (input == null) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < input.length() && out.length() < EXCERPT_LENGTH; i++) {
                char ch = input.charAt(i);
                if (ch < 0x20 || ch == 0x7f) {
                    out.append(String.format("\\x%02x", (int) ch));
                } else {
                    out.append(ch);
                }
            }
            return out.toString();
        }
    }
}
