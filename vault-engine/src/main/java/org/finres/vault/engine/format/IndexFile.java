package org.finres.vault.engine.format;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.finres.vault.engine.PackId;

/**
 * An index file: which blobs each of some packs holds, i.e. copies of their headers, so opening a repository reads
 * a few index files instead of every pack. Sealed as "FRVI"; body
 * {@code packCount u32, (packId, count u32, (chunkId, offset u32, length u32)...)...}.
 */
public record IndexFile(List<PackHeader> packs) {

    public static final String MAGIC = "FRVI";
    /** An index file never grows beyond this (about 6 million chunks); writers split before it. */
    public static final int MAX_BODY = 256 << 20;

    public IndexFile {
        packs = List.copyOf(packs);
    }

    public byte[] encode(RepositoryKeys keys, String fileName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(packs.size());
            for (PackHeader p : packs) {
                out.write(p.pack().bytes());
                out.writeInt(p.entries().size());
                for (PackEntry e : p.entries()) {
                    out.write(e.chunk().bytes());
                    out.writeInt(e.offset());
                    out.writeInt(e.length());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SealedFile.seal(keys, MAGIC, fileName, bytes.toByteArray());
    }

    public static IndexFile decode(RepositoryKeys keys, String fileName, byte[] file) {
        BinaryReader in = new BinaryReader(SealedFile.open(keys, MAGIC, fileName, file, MAX_BODY), "index file");
        int packCount = in.count(36);
        List<PackHeader> packs = new ArrayList<>(packCount);
        for (int p = 0; p < packCount; p++) {
            PackId pack = in.packId();
            int n = in.count(40);
            List<PackEntry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                entries.add(new PackEntry(in.chunkId(), in.u31(), in.u31()));
            }
            packs.add(new PackHeader(pack, entries));
        }
        in.end();
        return new IndexFile(packs);
    }
}
