package org.finres.events;

import java.nio.charset.StandardCharsets;

/**
 * Turns what one source sent into OCSF events. Implementations never throw for any input, however malformed: they
 * answer {@link Decoding.Undecodable} (or list rejected parts in {@link Decoding.Decoded}). Null arguments are a
 * programming error and throw {@link NullPointerException}.
 */
public interface EventDecoder {

    InputFormat format();

    Decoding decode(byte[] input, DecodeContext context);

    default Decoding decode(String input, DecodeContext context) {
        return decode(input.getBytes(StandardCharsets.UTF_8), context);
    }
}
