package org.finres.events.internal.decode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns received bytes into text: UTF-8 with malformed sequences replaced (never an exception), BOM removed. */
final class SourceText {

    private SourceText() {
    }

    static String of(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String text;
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            // Cannot happen with REPLACE; the lossy constructor is the same decoding without the checked exception.
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return stripBom(text);
    }

    static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /** Blank and the dash that Windows and many appliances write for "no value" both mean absent. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() || trimmed.equals("-") ? null : trimmed;
    }
}
