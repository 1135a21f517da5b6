package org.finres.vault.engine.custody;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian reads over untrusted custody bytes: every read is bounds-checked before anything is allocated, and every
 * failure is a {@link CustodyRefusedException} of reason MALFORMED naming the structure.
 */
final class CustodyReader {

    private final ByteBuffer in;
    private final String what;

    CustodyReader(byte[] bytes, byte[] magic, String what) {
        if (bytes.length < magic.length || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
            throw CustodyRefusedException.malformed("not a version 1 " + what + " (magic or version byte wrong)");
        }
        this.in = ByteBuffer.wrap(bytes, magic.length, bytes.length - magic.length);
        this.what = what;
    }

    int position() {
        return in.position();
    }

    private void need(int n) {
        if (n < 0 || n > in.remaining()) {
            throw CustodyRefusedException.malformed(what + " ends early (needs " + n + " bytes at " + in.position()
                    + ", has " + in.remaining() + ")");
        }
    }

    int u8() {
        need(1);
        return in.get() & 0xff;
    }

    int u16() {
        need(2);
        return in.getShort() & 0xffff;
    }

    int u32(int max) {
        need(4);
        int v = in.getInt();
        if (v < 0 || v > max) {
            throw CustodyRefusedException.malformed(what + " has value " + Integer.toUnsignedString(v) + " at "
                    + (in.position() - 4) + ", above its limit " + max);
        }
        return v;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    String utf8(int n) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes(n))).toString();
        } catch (CharacterCodingException e) {
            throw CustodyRefusedException.malformed(what + " holds a name that is not UTF-8");
        }
    }

    void end() {
        if (in.hasRemaining()) {
            throw CustodyRefusedException.malformed(what + " has " + in.remaining() + " bytes after its end");
        }
    }
}
