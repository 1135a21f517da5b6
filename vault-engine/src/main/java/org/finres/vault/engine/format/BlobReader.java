package org.finres.vault.engine.format;

import org.finres.vault.engine.ChunkId;

/**
 * Opens blobs into buffers it keeps, so that a thread restoring or verifying thousands of chunks allocates (and
 * zeroes) nothing per chunk. Not thread-safe: one per thread.
 *
 * <p>With {@code recomputeId} false (the restore path) the chunk id is not recomputed: the AES-256-GCM tag, checked
 * under the repository's encryption key with the chunk id in the associated data, already proves that whoever holds
 * the data key sealed exactly this plaintext for exactly this id (FORMAT.md, "Why restore does not recompute chunk
 * ids"). Verify and prune recompute it.
 */
public final class BlobReader {

    private final RepositoryKeys keys;
    private final int maxSize;
    private byte[] sealed = new byte[0];
    private byte[] framed = new byte[0];
    private byte[] plain = new byte[0];

    public BlobReader(RepositoryKeys keys, int maxSize) {
        this.keys = keys;
        this.maxSize = maxSize;
    }

    /** A buffer of at least {@code length} bytes to read a sealed blob into (valid until the next call). */
    public byte[] sealedBuffer(int length) {
        if (sealed.length < length) {
            sealed = new byte[grow(length)];
        }
        return sealed;
    }

    /** The plaintext of the last {@link #open}, in {@code [0, returned length)}; overwritten by the next open. */
    public byte[] plaintext() {
        return plain;
    }

    /**
     * Hands the plaintext buffer of the last {@link #open} over to the caller (who may keep it while this reader
     * goes on) and takes {@code replacement}, of any size, as this reader's next plaintext buffer.
     */
    public byte[] swapPlaintext(byte[] replacement) {
        byte[] out = plain;
        plain = replacement;
        return out;
    }

    /**
     * Authenticates and decompresses {@code src[offset, offset + length)} as the blob of {@code id}; returns the
     * plaintext's length. Anything wrong is a {@link CorruptDataException}.
     */
    public int open(ChunkId id, byte[] src, int offset, int length, boolean recomputeId) {
        if (length < RepositoryKeys.OVERHEAD) {
            throw new CorruptDataException("sealed data of " + length + " bytes is shorter than nonce and tag");
        }
        int framedCapacity = length - RepositoryKeys.OVERHEAD;
        if (framed.length < framedCapacity) {
            framed = new byte[grow(framedCapacity)];
        }
        int n = keys.open(BlobCodec.aad(id), src, offset, length, framed);
        if (n == 0) {
            throw new CorruptDataException("blob has no compression flag");
        }
        int size;
        switch (framed[0]) {
            case BlobCodec.RAW -> {
                size = n - 1;
                if (size > maxSize) {
                    throw new CorruptDataException("chunk of " + size + " bytes exceeds the maximum " + maxSize);
                }
                ensurePlain(size);
                System.arraycopy(framed, 1, plain, 0, size);
            }
            case BlobCodec.ZSTD -> {
                size = BlobCodec.frameSize(framed, 1, n - 1, maxSize);
                ensurePlain(size);
                BlobCodec.decompressInto(framed, 1, n - 1, plain, size);
            }
            default -> throw new CorruptDataException("unknown compression flag " + framed[0]);
        }
        if (recomputeId && !keys.chunkId(plain, 0, size).equals(id)) {
            throw new CorruptDataException("plaintext does not hash to the chunk id");
        }
        return size;
    }

    private void ensurePlain(int size) {
        if (plain.length < size) {
            plain = new byte[Math.min(maxSize, grow(size))];
        }
    }

    /** Grows by a quarter beyond the need, so chunk sizes that creep up do not reallocate every time. */
    private static int grow(int need) {
        return (int) Math.min(Integer.MAX_VALUE - 16, need + (long) need / 4);
    }
}
