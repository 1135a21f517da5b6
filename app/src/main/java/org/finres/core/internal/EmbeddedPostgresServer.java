package org.finres.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL run as a child process, whose data survives restarts. It is started before the
 * connection pool and stopped after it (see {@link DatabaseConfiguration}), so a graceful shutdown never
 * cuts open transactions.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String DATABASE = "finres";

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final FileChannel lockChannel;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path directory, FileChannel lockChannel) {
        this.postgres = postgres;
        this.directory = directory;
        this.lockChannel = lockChannel;
    }

    public static EmbeddedPostgresServer start(Path directory, int port) {
        FileChannel lockChannel = lock(directory);
        try {
            stopOrphan(directory);
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
                if (!rs.next()) {
                    s.execute("create database " + DATABASE);
                }
            }
            log.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {} (started in {} ms)", postgres.getPort(),
                    directory, (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedPostgresServer(postgres, directory, lockChannel);
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(lockChannel);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory + ": " + e.getMessage(), io);
            }
            if (e instanceof SQLException) {
                throw new IllegalStateException("the embedded PostgreSQL in " + directory + " started but cannot be used: "
                        + e.getMessage(), e);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Only the holder of this lock may touch the folder; holding it, any PostgreSQL running there is an orphan of
     * a killed hub, never a live one. The operating system releases the lock when the process dies.
     */
    private static FileChannel lock(Path directory) {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolveSibling(directory.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock held;
            try {
                held = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                held = null;
            }
            if (held == null) {
                channel.close();
                throw new IllegalStateException("another FinRes hub is using the database in " + directory
                        + "; stop it first or choose another data folder");
            }
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data folder " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing releases the lock; the OS does the same when the process ends.
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    /**
     * A hub killed with SIGKILL leaves its PostgreSQL running on the data folder; stop that orphan with a fast
     * shutdown (SIGINT) so the folder can be used again. PostgreSQL's own postmaster.pid names it.
     */
    private static void stopOrphan(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean isPostgres = process.flatMap(p -> p.info().command()).map(c -> c.endsWith("postgres")).orElse(false);
        if (!isPostgres) {
            return;
        }
        log.warn("Stopping PostgreSQL process {} left running on {} by an earlier hub", pid, directory);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
            process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a PostgreSQL (pid " + pid + ") still runs on " + directory
                    + " and did not stop; stop it and start again", e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            closeQuietly(lockChannel);
        }
    }
}
