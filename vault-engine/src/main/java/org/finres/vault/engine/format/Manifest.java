package org.finres.vault.engine.format;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.finres.vault.engine.ChunkId;
import org.finres.vault.engine.SnapshotInfo;

/**
 * A snapshot's manifest: what was backed up, file by file, with each file's ordered chunk ids, size and SHA-256.
 * Sealed as "FRVS" with the manifest's file name (the snapshot id) as context; body
 * {@code institution str16, businessDate epochDay i64, created epochMilli i64, fileCount u32,
 * (path str16, size i64, sha256 32, chunkCount u32, chunkId...)...}.
 */
public record Manifest(SnapshotInfo info, Instant created, List<FileEntry> files) {

    public static final String MAGIC = "FRVS";
    public static final int MAX_BODY = 512 << 20;

    public Manifest {
        files = List.copyOf(files);
    }

    /** One backed-up file; the path is relative with '/' separators and checked to stay below the target. */
    public record FileEntry(String path, long size, String sha256, List<ChunkId> chunks) {

        public FileEntry {
            chunks = List.copyOf(chunks);
            checkPath(path);
            if (size < 0 || sha256 == null || sha256.length() != 64) {
                throw new CorruptDataException("file entry " + path + " has a bad size or digest");
            }
        }
    }

    /** Rejects paths that could escape a restore target or collide: absolute, '..', empty parts, '\', NUL. */
    static void checkPath(String path) {
        if (path == null || path.isEmpty() || path.length() > 4096 || path.startsWith("/") || path.contains("\\")
                || path.indexOf('\0') >= 0) {
            throw new CorruptDataException("unsafe file path in manifest: " + path);
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new CorruptDataException("unsafe file path in manifest: " + path);
            }
        }
    }

    public long bytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    public int chunks() {
        return files.stream().mapToInt(f -> f.chunks().size()).sum();
    }

    public byte[] encode(RepositoryKeys keys, String fileName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, info.institution());
            out.writeLong(info.businessDate().toEpochDay());
            out.writeLong(created.toEpochMilli());
            out.writeInt(files.size());
            for (FileEntry f : files) {
                writeString(out, f.path());
                out.writeLong(f.size());
                out.write(HexFormat.of().parseHex(f.sha256()));
                out.writeInt(f.chunks().size());
                for (ChunkId c : f.chunks()) {
                    out.write(c.bytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SealedFile.seal(keys, MAGIC, fileName, bytes.toByteArray());
    }

    public static Manifest decode(RepositoryKeys keys, String fileName, byte[] file) {
        BinaryReader in = new BinaryReader(SealedFile.open(keys, MAGIC, fileName, file, MAX_BODY), "manifest");
        String institution = in.utf8(in.u16());
        long epochDay = in.i64();
        long createdMillis = in.i64();
        SnapshotInfo info;
        Instant created;
        try {
            info = new SnapshotInfo(institution, LocalDate.ofEpochDay(epochDay));
            created = Instant.ofEpochMilli(createdMillis);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new CorruptDataException("manifest names an impossible institution or date", e);
        }
        int count = in.count(2 + 8 + 32 + 4);
        List<FileEntry> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String path = in.utf8(in.u16());
            long size = in.i64();
            String sha = HexFormat.of().formatHex(in.bytes(32));
            int n = in.count(32);
            List<ChunkId> chunks = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                chunks.add(in.chunkId());
            }
            files.add(new FileEntry(path, size, sha, chunks));
        }
        in.end();
        return new Manifest(info, created, files);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) {
            throw new IllegalArgumentException("text longer than 65535 bytes: " + s.substring(0, 40) + "...");
        }
        out.writeShort(b.length);
        out.write(b);
    }
}
