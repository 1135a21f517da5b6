package org.finres.vault.engine.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A wrapped data key under {@code keys/}: {@code "FRVK" 1, algorithmLength u8, algorithm ascii, wrappedLength u32,
 * wrapped}. The algorithm names the {@link org.finres.vault.engine.KeyWrapping} that can unwrap it; a repository can
 * hold several (one per custodian).
 */
public record KeyFile(String algorithm, byte[] wrapped) {

    private static final byte[] MAGIC = "FRVK\u0001".getBytes(StandardCharsets.US_ASCII);

    public byte[] encode() {
        byte[] alg = algorithm.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(MAGIC.length + 1 + alg.length + 4 + wrapped.length).put(MAGIC)
                .put((byte) alg.length).put(alg).putInt(wrapped.length).put(wrapped).array();
    }

    public static KeyFile decode(byte[] file) {
        if (file.length < MAGIC.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptDataException("not a version 1 key file");
        }
        BinaryReader in = new BinaryReader(Arrays.copyOfRange(file, MAGIC.length, file.length), "key file");
        String algorithm = in.utf8(in.u8() & 0xff);
        byte[] wrapped = in.bytes(in.count(1));
        in.end();
        return new KeyFile(algorithm, wrapped);
    }
}
