package org.finres.vault.engine.format;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The envelope of index files and manifests: {@code magic(4) version(1) seal(aad = magic version context,
 * 0x01 || zstd(body))}. The context is the file's name, so a file renamed or copied to another place fails.
 */
final class SealedFile {

    static final byte VERSION = 1;

    private SealedFile() {
    }

    static byte[] seal(RepositoryKeys keys, String magic, String context, byte[] body) {
        byte[] compressed = Zstd.compress(body, 3);
        byte[] framed = new byte[compressed.length + 1];
        framed[0] = 1;
        System.arraycopy(compressed, 0, framed, 1, compressed.length);
        byte[] sealed = keys.seal(aad(magic, context), framed);
        return ByteBuffer.allocate(5 + sealed.length).put(magic.getBytes(StandardCharsets.US_ASCII)).put(VERSION)
                .put(sealed).array();
    }

    static byte[] open(RepositoryKeys keys, String magic, String context, byte[] file, int maxBody) {
        if (file.length < 5) {
            throw new TruncatedDataException("file of " + file.length + " bytes has no header");
        }
        if (!Arrays.equals(file, 0, 4, magic.getBytes(StandardCharsets.US_ASCII), 0, 4)) {
            throw new CorruptDataException("file does not start with " + magic);
        }
        if (file[4] != VERSION) {
            throw new CorruptDataException("format version " + file[4] + " (this engine reads " + VERSION + ")");
        }
        byte[] framed = keys.open(aad(magic, context), file, 5, file.length - 5);
        if (framed.length == 0 || framed[0] != 1) {
            throw new CorruptDataException("unknown compression flag");
        }
        return BlobCodec.decompress(framed, maxBody);
    }

    private static byte[] aad(String magic, String context) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        byte[] c = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + c.length).put(m).put(VERSION).put(c).array();
    }
}
