package org.finres.vault.engine.format;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.finres.vault.engine.ChunkId;

/**
 * A chunk as stored in a pack: {@code seal(aad = "FRVB" 1 chunkId, flag || payload)} where flag 1 means the payload
 * is a zstd frame and 0 that it is the plaintext (data that does not compress, such as an already encrypted dump,
 * is stored as is). The chunk id in the AAD makes a blob copied under another id fail authentication.
 */
public final class BlobCodec {

    static final byte[] MAGIC = "FRVB".getBytes(StandardCharsets.US_ASCII);
    static final byte RAW = 0;
    static final byte ZSTD = 1;

    /** Compression output per worker thread, reused: a chunk is compressed straight behind its flag byte. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private BlobCodec() {
    }

    public static byte[] seal(RepositoryKeys keys, ChunkId id, byte[] plaintext, int level) {
        return seal(keys, id, plaintext, 0, plaintext.length, level);
    }

    /**
     * Seals {@code plaintext[offset, offset + length)}: zstd writes its frame directly after the flag byte in a
     * per-thread buffer, which is sealed in place, so the only new array is the sealed blob itself.
     */
    public static byte[] seal(RepositoryKeys keys, ChunkId id, byte[] plaintext, int offset, int length, int level) {
        int bound = (int) Math.min(Integer.MAX_VALUE - 16, Zstd.compressBound(length)) + 1;
        byte[] framed = SCRATCH.get();
        if (framed.length < Math.max(bound, length + 1)) {
            framed = new byte[Math.max(bound, length + 1)];
            SCRATCH.set(framed);
        }
        long n = Zstd.compressByteArray(framed, 1, framed.length - 1, plaintext, offset, length, level);
        if (Zstd.isError(n)) {
            throw new IllegalStateException("zstd cannot compress a chunk of " + length + " bytes: "
                    + Zstd.getErrorName(n));
        }
        int framedLength;
        if (n < length) {
            framed[0] = ZSTD;
            framedLength = (int) n + 1;
        } else {
            framed[0] = RAW;
            System.arraycopy(plaintext, offset, framed, 1, length);
            framedLength = length + 1;
        }
        return keys.seal(aad(id), framed, 0, framedLength);
    }

    /**
     * The plaintext of a sealed blob, checked against its id (HMAC recomputed); at most {@code maxSize} bytes are
     * ever allocated. For verify and prune; restore reads through a {@link BlobReader}.
     */
    public static byte[] open(RepositoryKeys keys, ChunkId id, byte[] sealed, int offset, int length, int maxSize) {
        BlobReader reader = new BlobReader(keys, maxSize);
        int n = reader.open(id, sealed, offset, length, true);
        return java.util.Arrays.copyOf(reader.plaintext(), n);
    }

    /** zstd frame to bytes; the frame's declared size is bounded before anything is allocated. */
    public static byte[] decompress(byte[] framed, int maxSize) {
        int size = frameSize(framed, 1, framed.length - 1, maxSize);
        byte[] out = new byte[size];
        decompressInto(framed, 1, framed.length - 1, out, size);
        return out;
    }

    /** The content size a zstd frame declares, refused when unknown or above {@code maxSize}. */
    static int frameSize(byte[] src, int offset, int length, int maxSize) {
        long size;
        try {
            size = Zstd.getFrameContentSize(src, offset, length);
        } catch (RuntimeException e) {
            throw new CorruptDataException("not a zstd frame", e);
        }
        if (size < 0 || size > maxSize) {
            throw new CorruptDataException("zstd frame declares " + size + " bytes (limit " + maxSize + ")");
        }
        return (int) size;
    }

    /** Decompresses a frame of declared size {@code size} into {@code out[0, size)}. */
    static void decompressInto(byte[] src, int offset, int length, byte[] out, int size) {
        long n;
        try {
            n = Zstd.decompressByteArray(out, 0, size, src, offset, length);
        } catch (RuntimeException e) {
            throw new CorruptDataException("zstd frame does not decompress: " + e.getMessage(), e);
        }
        if (Zstd.isError(n) || n != size) {
            throw new CorruptDataException("zstd frame does not decompress to its declared size");
        }
    }

    static byte[] aad(ChunkId id) {
        return ByteBuffer.allocate(37).put(MAGIC).put((byte) 1).put(id.bytes()).array();
    }
}
