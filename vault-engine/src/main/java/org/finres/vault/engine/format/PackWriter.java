package org.finres.vault.engine.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.finres.vault.engine.ChunkId;
import org.finres.vault.engine.PackId;

/**
 * Writes one pack under a temporary name; {@link #finish} appends the header, forces the file to disk and only then
 * hands it on (renames it into place, or uploads it), so a pack under its final name is always complete. Not
 * thread-safe.
 */
public final class PackWriter {

    /** What makes a complete, forced temporary file the pack: a rename (the default) or an upload. */
    @FunctionalInterface
    public interface Commit {
        void commit(Path completeTemp) throws IOException;
    }

    private final RepositoryKeys keys;
    private final PackId pack;
    private final Path temp;
    private final Path target;
    private final FileChannel channel;
    private final Commit commit;
    private final List<PackEntry> entries = new ArrayList<>();
    private long position;

    public PackWriter(RepositoryKeys keys, Path packsDir, PackId pack) throws IOException {
        this(keys, packsDir, pack, null);
    }

    /** @param commit what to do with the finished temporary file; null renames it to its id in {@code packsDir} */
    public PackWriter(RepositoryKeys keys, Path packsDir, PackId pack, Commit commit) throws IOException {
        this.keys = keys;
        this.pack = pack;
        this.target = packsDir.resolve(pack.hex());
        this.temp = packsDir.resolve(pack.hex() + ".tmp");
        this.commit = commit != null ? commit : complete -> DurableFiles.moveIntoPlace(complete, target);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        write(PackHeader.FILE_MAGIC);
    }

    public PackId pack() {
        return pack;
    }

    public long size() {
        return position;
    }

    public int blobs() {
        return entries.size();
    }

    public PackEntry add(ChunkId chunk, byte[] sealedBlob) throws IOException {
        PackEntry entry = new PackEntry(chunk, (int) position, sealedBlob.length);
        write(sealedBlob);
        entries.add(entry);
        return entry;
    }

    public PackHeader finish() throws IOException {
        PackHeader header = new PackHeader(pack, entries);
        write(header.encode(keys));
        channel.force(true);
        channel.close();
        commit.commit(temp);
        return header;
    }

    public void abandon() {
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .tmp is harmless: prune removes it
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        position += bytes.length;
    }
}
