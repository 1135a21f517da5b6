package org.finres.vault.engine.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.finres.vault.engine.RetentionLockedException;
import org.finres.vault.engine.format.CorruptDataException;
import org.finres.vault.engine.format.DurableFiles;

/**
 * A repository in a local folder, laid out as FORMAT.md says. New files are written under {@code .tmp}, forced and
 * renamed ({@link DurableFiles}). A retention lock is recorded before its object, in {@code retention/<kind>.<name>}
 * (the date; replaced atomically when extended), and a locked object is made read-only. A local folder cannot stop a
 * tool that deletes files behind the engine's back; what it guarantees is that the engine deletes nothing locked and
 * that {@code verify} names every locked object that is gone, from the signed chain links that record the locks.
 */
public final class LocalDirectoryStorage implements RepositoryStorage {

    static final String RETENTION = "retention";

    private final Path root;
    private final Clock clock;

    public LocalDirectoryStorage(Path root) {
        this(root, Clock.systemUTC());
    }

    public LocalDirectoryStorage(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public boolean isEmpty() throws IOException {
        if (!Files.exists(root)) {
            return true;
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.findAny().isEmpty();
        }
    }

    @Override
    public void create() throws IOException {
        for (ObjectKind kind : ObjectKind.values()) {
            if (!kind.folder().isEmpty()) {
                Files.createDirectories(root.resolve(kind.folder()));
            }
        }
        Files.createDirectories(root.resolve(RETENTION));
    }

    @Override
    public Closeable lockExclusive() throws IOException {
        FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        FileLock held = lock;
        return () -> {
            held.release();
            channel.close();
        };
    }

    @Override
    public void put(ObjectName name, byte[] content, Instant retainUntil) throws IOException {
        Path target = path(name);
        if (Files.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        if (retainUntil != null) {
            recordRetention(name, retainUntil);
        }
        DurableFiles.write(target, content);
        if (retainUntil != null) {
            readOnly(target);
        }
    }

    @Override
    public Path stagingFolder(ObjectKind kind) {
        return root.resolve(kind.folder());
    }

    @Override
    public void putFile(ObjectName name, Path staged, Instant retainUntil) throws IOException {
        Path target = path(name);
        if (retainUntil != null && !Files.exists(target)) {
            recordRetention(name, retainUntil);
        }
        DurableFiles.moveIntoPlace(staged, target);
        if (retainUntil != null) {
            readOnly(target);
        }
    }

    @Override
    public boolean exists(ObjectName name) {
        return Files.exists(path(name));
    }

    @Override
    public byte[] get(ObjectName name) throws IOException {
        return Files.readAllBytes(path(name));
    }

    @Override
    public long size(ObjectName name) throws IOException {
        return Files.size(path(name));
    }

    @Override
    public FileChannel openForReading(ObjectName name) throws IOException {
        return FileChannel.open(path(name), StandardOpenOption.READ);
    }

    @Override
    public List<String> list(ObjectKind kind) throws IOException {
        return names(kind, false);
    }

    @Override
    public List<String> temporaryFiles(ObjectKind kind) throws IOException {
        return names(kind, true);
    }

    @Override
    public void deleteTemporaryFiles(ObjectKind kind) throws IOException {
        for (String name : names(kind, true)) {
            Files.deleteIfExists(folder(kind).resolve(name));
        }
    }

    private List<String> names(ObjectKind kind, boolean temporary) throws IOException {
        if (kind == ObjectKind.CONFIG) {
            return temporary ? (Files.exists(root.resolve("config" + DurableFiles.TEMP_SUFFIX))
                    ? List.of("config" + DurableFiles.TEMP_SUFFIX) : List.of())
                    : Files.exists(root.resolve("config")) ? List.of("config") : List.of();
        }
        Path dir = folder(kind);
        if (!Files.isDirectory(dir)) {
            return List.of(); // a repository made before this kind existed (chain/ came with format 2)
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(DurableFiles.TEMP_SUFFIX) == temporary).sorted().toList();
        }
    }

    @Override
    public Optional<Instant> retainedUntil(ObjectName name) throws IOException {
        Path record = retentionRecord(name);
        String text;
        try {
            text = Files.readString(record, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new CorruptDataException("retention record " + record + " is not an ISO-8601 instant: " + text, e);
        }
    }

    @Override
    public void retain(ObjectName name, Instant until) throws IOException {
        Optional<Instant> current = retainedUntil(name);
        if (current.isPresent() && !current.get().isBefore(until)) {
            return;
        }
        recordRetention(name, until);
        if (Files.exists(path(name))) {
            readOnly(path(name));
        }
    }

    @Override
    public void delete(ObjectName name) throws IOException {
        Optional<Instant> until = retainedUntil(name);
        if (until.isPresent() && until.get().isAfter(clock.instant())) {
            throw new RetentionLockedException(null, name.path(), until.get());
        }
        Path target = path(name);
        Files.delete(target);
        DurableFiles.forceDirectory(target.getParent());
        Path record = retentionRecord(name);
        if (Files.deleteIfExists(record)) {
            DurableFiles.forceDirectory(record.getParent());
        }
    }

    @Override
    public void close() {
        // nothing held: each call opens and closes its files
    }

    /** Writes the retain-until record durably, replacing an earlier one atomically (a date only moves later). */
    private void recordRetention(ObjectName name, Instant until) throws IOException {
        Path record = retentionRecord(name);
        Files.createDirectories(record.getParent());
        Path temp = record.resolveSibling(record.getFileName() + DurableFiles.TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap((until + "\n").getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        readOnly(temp);
        Files.move(temp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.forceDirectory(record.getParent());
    }

    /** Read-only modes stop an accidental overwrite by a process that is not root; verify catches the rest. */
    private static void readOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString("r--r--r--"));
        } else {
            file.toFile().setReadOnly();
        }
    }

    /** Whether a file is read-only for its owner (verify reports locked objects made writable again). */
    public boolean isReadOnly(ObjectName name) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path(name), PosixFileAttributeView.class);
        if (view != null) {
            return !view.readAttributes().permissions().contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        return !path(name).toFile().canWrite();
    }

    Path path(ObjectName name) {
        return root.resolve(name.path());
    }

    private Path folder(ObjectKind kind) {
        return kind.folder().isEmpty() ? root : root.resolve(kind.folder());
    }

    private Path retentionRecord(ObjectName name) {
        return root.resolve(RETENTION).resolve(name.kind() == ObjectKind.CONFIG ? "config"
                : name.kind().folder() + "." + name.name());
    }
}
