package org.finres.events.search;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.finres.core.InstitutionId;
import org.finres.events.internal.store.DeadLetter;

/**
 * A dead letter as people and API clients see it: the raw bytes as safe text, control characters and invalid
 * UTF-8 escaped, so that a hostile payload can neither break the page nor hide itself behind terminal codes
 * or bidirectional overrides.
 */
public record DeadLetterView(long id, InstitutionId institution, Instant receivedAt, String transport, String format,
                             String reason, int rawSize, String rawText, boolean rawTruncated, Instant replayedAt,
                             String replayOutcome) {

    /** What is shown of a raw input; the rest stays in the store and is replayed whole. */
    static final int SHOWN_BYTES = 4096;

    public boolean pending() {
        return replayedAt == null;
    }

    static DeadLetterView of(DeadLetter letter) {
        byte[] raw = letter.raw();
        int shown = Math.min(raw.length, SHOWN_BYTES);
        return new DeadLetterView(letter.id(), letter.institution(), letter.receivedAt(), letter.transport(),
                letter.format(), escape(letter.reason().getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE),
                raw.length, escape(raw, shown), shown < raw.length, letter.replayedAt(), letter.replayOutcome());
    }

    /** Valid UTF-8 is shown as text with its unsafe characters escaped; anything else byte by byte. */
    static String escape(byte[] bytes, int length) {
        int n = Math.min(bytes.length, length);
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n));
            StringBuilder out = new StringBuilder(n + 16);
            text.toString().codePoints().forEach(c -> {
                if (unsafe(c)) {
                    out.append(c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u{%04x}", c));
                } else {
                    out.appendCodePoint(c);
                }
            });
            return out.toString();
        } catch (CharacterCodingException e) {
            // Also the case when the cut at `length` splits a character: bytes then, which is still faithful.
            StringBuilder out = new StringBuilder(n * 2);
            for (int i = 0; i < n; i++) {
                int b = bytes[i] & 0xff;
                if (b >= 0x20 && b < 0x7f && b != '\\') {
                    out.append((char) b);
                } else {
                    out.append(String.format("\\x%02x", b));
                }
            }
            return out.toString();
        }
    }

    private static boolean unsafe(int c) {
        return Character.isISOControl(c) || c == '\\'
                || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0xfeff || Character.getType(c) == Character.PRIVATE_USE;
    }
}
