package org.finres.vault.engine.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.finres.vault.engine.ChunkId;
import org.finres.vault.engine.PackId;

/**
 * Big-endian reads over untrusted bytes: every read checks the bounds and every count is checked against the bytes
 * left before anything is allocated, so a damaged length can neither throw a JDK exception nor exhaust memory.
 */
final class BinaryReader {

    private final ByteBuffer in;
    private final String what;

    BinaryReader(byte[] bytes, String what) {
        this.in = ByteBuffer.wrap(bytes);
        this.what = what;
    }

    int remaining() {
        return in.remaining();
    }

    private void need(long n) {
        if (n < 0 || n > in.remaining()) {
            throw new TruncatedDataException(what + " ends early (needs " + n + " bytes at " + in.position()
                    + ", has " + in.remaining() + ")");
        }
    }

    byte u8() {
        need(1);
        return in.get();
    }

    int u16() {
        need(2);
        return in.getShort() & 0xffff;
    }

    /** An unsigned 32-bit value that must fit an int (sizes, offsets and counts do, by the format). */
    int u31() {
        need(4);
        int v = in.getInt();
        if (v < 0) {
            throw new CorruptDataException(what + " has a value out of range at " + (in.position() - 4));
        }
        return v;
    }

    long i64() {
        need(8);
        return in.getLong();
    }

    /** A count of items of at least {@code itemBytes} each, bounded by the bytes left. */
    int count(int itemBytes) {
        int n = u31();
        if ((long) n * itemBytes > in.remaining()) {
            throw new CorruptDataException(what + " claims " + n + " items, more than its " + in.remaining()
                    + " remaining bytes can hold");
        }
        return n;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    ChunkId chunkId() {
        return ChunkId.of(bytes(32));
    }

    PackId packId() {
        return PackId.of(bytes(32));
    }

    String utf8(int length) {
        byte[] b = bytes(length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptDataException(what + " has text that is not UTF-8", e);
        }
    }

    void end() {
        if (in.hasRemaining()) {
            throw new CorruptDataException(what + " has " + in.remaining() + " bytes after its end");
        }
    }
}
