package org.finres.vault.engine.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.finres.vault.engine.PackId;

/**
 * The list of blobs at the end of a pack file. A pack is
 * {@code "FRVP" 1 | blob... | seal(aad = "FRVH" 1 packId, count u32, (chunkId, offset u32, length u32)...) |
 * headerLength u32 | "FRVE"}; the header at the end lets a pack be written in one pass, and the trailer magic tells a
 * cut-short pack from a damaged one.
 */
public record PackHeader(PackId pack, List<PackEntry> entries) {

    public static final byte[] FILE_MAGIC = "FRVP\u0001".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "FRVE".getBytes(StandardCharsets.US_ASCII);
    public static final int TRAILER_BYTES = 8;
    private static final int ENTRY_BYTES = 40;

    public PackHeader {
        entries = List.copyOf(entries);
    }

    /** The sealed header followed by the trailer: what a writer appends after the last blob. */
    public byte[] encode(RepositoryKeys keys) {
        ByteBuffer body = ByteBuffer.allocate(4 + entries.size() * ENTRY_BYTES).putInt(entries.size());
        for (PackEntry e : entries) {
            body.put(e.chunk().bytes()).putInt(e.offset()).putInt(e.length());
        }
        byte[] sealed = keys.seal(aad(pack), body.array());
        return ByteBuffer.allocate(sealed.length + TRAILER_BYTES).put(sealed).putInt(sealed.length).put(END_MAGIC)
                .array();
    }

    /** Length of the sealed header named by a pack's last 8 bytes. */
    public static int headerLength(byte[] trailer, long packSize) {
        if (trailer.length != TRAILER_BYTES || !java.util.Arrays.equals(trailer, 4, 8, END_MAGIC, 0, 4)) {
            throw new TruncatedDataException("pack has no trailer (cut short, or its end overwritten)");
        }
        int length = ByteBuffer.wrap(trailer).getInt();
        if (length < RepositoryKeys.OVERHEAD + 4 || length > packSize - TRAILER_BYTES - FILE_MAGIC.length) {
            throw new CorruptDataException("pack trailer names a header of " + length + " bytes in a pack of "
                    + packSize);
        }
        return length;
    }

    /**
     * Opens a sealed header; every entry must lie between the file magic and the header.
     *
     * @param headerStart where the sealed header begins in the pack, i.e. the end of the blob area
     */
    public static PackHeader decode(RepositoryKeys keys, PackId pack, byte[] sealed, long headerStart) {
        byte[] plain = keys.open(aad(pack), sealed, 0, sealed.length);
        BinaryReader in = new BinaryReader(plain, "pack header");
        int n = in.count(ENTRY_BYTES);
        List<PackEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PackEntry e = new PackEntry(in.chunkId(), in.u31(), in.u31());
            if (e.offset() < FILE_MAGIC.length || (long) e.offset() + e.length() > headerStart) {
                throw new CorruptDataException("pack header places a blob outside the blob area: offset "
                        + e.offset() + " length " + e.length());
            }
            entries.add(e);
        }
        in.end();
        return new PackHeader(pack, entries);
    }

    static byte[] aad(PackId pack) {
        return ByteBuffer.allocate(37).put("FRVH".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
                .put(pack.bytes()).array();
    }
}
