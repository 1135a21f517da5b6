package org.finres.vault.engine.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file creation: write under a temporary name, force, rename atomically, force the directory. After a
 * crash a file is either absent or complete under its final name; only {@code .tmp} files can be partial.
 */
public final class DurableFiles {

    public static final String TEMP_SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /** Writes a new file durably; fails if the name exists (callers name new files by fresh ids). */
    public static void write(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        moveIntoPlace(temp, target);
    }

    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        if (Files.exists(target)) {
            Files.deleteIfExists(temp);
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.getParent());
    }

    /** Makes a rename or delete in the directory durable (Linux allows opening a directory for this). */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems and platforms refuse to open directories; the rename itself is still atomic
        }
    }
}
