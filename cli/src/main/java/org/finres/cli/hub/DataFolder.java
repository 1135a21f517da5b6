package org.finres.cli.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.finres.cli.CliEnvironment;
import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;

/**
 * The hub's data folder (embedded PostgreSQL under {@code postgres/}).
 *
 * <p>Only one process may use it at a time: the hub stops a PostgreSQL it finds running on the folder, taking
 * it for an orphan of a killed hub, so a second {@code finres serve} would pull the database from under the
 * first. {@link #lock} prevents that with an operating-system file lock, which also vanishes with a killed
 * process and so never needs cleaning up.
 *
 * @param path absolute folder
 */
public record DataFolder(Path path) {

    static final String LOCK_FILE = "finres.lock";

    public DataFolder {
        path = path.toAbsolutePath().normalize();
    }

    /** {@code --data-dir} if given, else FINRES_DATA_DIR, else ~/.finres: the same default as the hub's. */
    public static DataFolder resolve(Path option, CliEnvironment environment) {
        if (option != null) {
            return new DataFolder(option);
        }
        return new DataFolder(environment.variable("FINRES_DATA_DIR").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".finres")));
    }

    /** Whether an embedded database has been created here. */
    public boolean hasDatabase() {
        return Files.isDirectory(path.resolve("postgres"));
    }

    /**
     * Takes the folder for this process until the returned lock is closed.
     *
     * @param purpose written into the lock file, so that whoever finds the folder taken learns by what
     * @throws InUse when another process, or another command in this JVM, holds it
     */
    public Lock lock(String purpose) {
        Path file = path.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(path);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new InUse(this, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ": " + purpose + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return new Lock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot use the data folder " + path + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing with the more useful error.
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** The folder held by this process; closing releases it. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Another process (or command) holds the folder. */
    public static final class InUse extends CommandFailed {
        InUse(DataFolder folder, String holder) {
            super("the data folder " + folder + " is in use" + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + ". Stop that first, or use another folder with --data-dir.", null);
        }

        @Override
        public ExitStatus exitStatus() {
            return ExitStatus.UNAVAILABLE;
        }
    }
}
