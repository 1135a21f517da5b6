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

    private static final byte[] MAGIC = "FRVB".getBytes(StandardCharsets.US_ASCII);
    private static final byte RAW = 0;
    private static final byte ZSTD = 1;

    private BlobCodec() {
    }

    public static byte[] seal(RepositoryKeys keys, ChunkId id, byte[] plaintext, int level) {
        byte[] compressed = Zstd.compress(plaintext, level);
        boolean useZstd = compressed.length < plaintext.length;
        byte[] body = useZstd ? compressed : plaintext;
        byte[] framed = new byte[body.length + 1];
        framed[0] = useZstd ? ZSTD : RAW;
        System.arraycopy(body, 0, framed, 1, body.length);
        return keys.seal(aad(id), framed);
    }

    /** The plaintext of a sealed blob, checked against its id; at most {@code maxSize} bytes are ever allocated. */
    public static byte[] open(RepositoryKeys keys, ChunkId id, byte[] sealed, int offset, int length, int maxSize) {
        byte[] framed = keys.open(aad(id), sealed, offset, length);
        if (framed.length == 0) {
            throw new CorruptDataException("blob has no compression flag");
        }
        byte[] plaintext = switch (framed[0]) {
            case RAW -> java.util.Arrays.copyOfRange(framed, 1, framed.length);
            case ZSTD -> decompress(framed, maxSize);
            default -> throw new CorruptDataException("unknown compression flag " + framed[0]);
        };
        if (plaintext.length > maxSize) {
            throw new CorruptDataException("chunk of " + plaintext.length + " bytes exceeds the maximum " + maxSize);
        }
        if (!keys.chunkId(plaintext).equals(id)) {
            throw new CorruptDataException("plaintext does not hash to the chunk id");
        }
        return plaintext;
    }

    /** zstd frame to bytes; the frame's declared size is bounded before anything is allocated. */
    public static byte[] decompress(byte[] framed, int maxSize) {
        byte[] frame = java.util.Arrays.copyOfRange(framed, 1, framed.length);
        long size;
        try {
            size = Zstd.getFrameContentSize(frame);
        } catch (RuntimeException e) {
            throw new CorruptDataException("not a zstd frame", e);
        }
        if (size < 0 || size > maxSize) {
            throw new CorruptDataException("zstd frame declares " + size + " bytes (limit " + maxSize + ")");
        }
        byte[] out = new byte[(int) size];
        long n;
        try {
            n = Zstd.decompress(out, frame);
        } catch (RuntimeException e) {
            throw new CorruptDataException("zstd frame does not decompress: " + e.getMessage(), e);
        }
        if (Zstd.isError(n) || n != size) {
            throw new CorruptDataException("zstd frame does not decompress to its declared size");
        }
        return out;
    }

    private static byte[] aad(ChunkId id) {
        return ByteBuffer.allocate(37).put(MAGIC).put((byte) 1).put(id.bytes()).array();
    }
}
