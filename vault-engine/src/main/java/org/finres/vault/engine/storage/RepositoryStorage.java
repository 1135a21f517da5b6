package org.finres.vault.engine.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a repository's objects live. Every object is written once under a name that is new (a second put of a name
 * fails with {@link java.nio.file.FileAlreadyExistsException}) and may carry a retain-until date: until then
 * {@link #delete} refuses it with {@link org.finres.vault.engine.RetentionLockedException}, whoever asks, and the
 * date can only be moved later. Absent objects read as {@link java.nio.file.NoSuchFileException}.
 *
 * <p>Closed, because the engine's consistency argument (FORMAT.md) is made for exactly these backends: a local folder
 * (temp-force-rename, an OS lock) and an S3 bucket with Object Lock in compliance mode.
 */
public sealed interface RepositoryStorage extends AutoCloseable permits LocalDirectoryStorage, S3ObjectLockStorage {

    /** Where the repository is, for messages: a folder, or {@code s3://bucket/prefix}. */
    String location();

    /** The clock retention is judged by (S3 judges by its own; this one decides what the engine attempts). */
    Clock clock();

    /** Whether the location holds nothing yet (init refuses a location that does). */
    boolean isEmpty() throws IOException;

    /** Prepares an empty location for a new repository (folders; for S3, checks the bucket has Object Lock). */
    void create() throws IOException;

    /**
     * Keeps a second process (or a second open instance) out of the repository until the result is closed.
     *
     * @return the held lock, or null when another process or instance holds it
     */
    Closeable lockExclusive() throws IOException;

    /** Writes a new object durably; {@code retainUntil} null means no retention lock. */
    void put(ObjectName name, byte[] content, Instant retainUntil) throws IOException;

    /**
     * A folder for a large object being written locally before {@link #putFile}: a pack is written and forced there
     * under a {@code .tmp} name. For the local backend it is the pack folder itself, so the final step is a rename.
     */
    Path stagingFolder(ObjectKind kind) throws IOException;

    /** Stores a complete staged file as a new object (rename, or upload) and removes the staged file. */
    void putFile(ObjectName name, Path staged, Instant retainUntil) throws IOException;

    boolean exists(ObjectName name) throws IOException;

    byte[] get(ObjectName name) throws IOException;

    /** The object's size in bytes. */
    long size(ObjectName name) throws IOException;

    /**
     * A channel for positional reads of one object (packs are read blob by blob). The S3 backend downloads the object
     * to a temporary file first, which closing the channel removes.
     */
    FileChannel openForReading(ObjectName name) throws IOException;

    /** The names of the complete objects of a kind, sorted; temporary files are not listed. */
    List<String> list(ObjectKind kind) throws IOException;

    /** Leftovers of interrupted writes of a kind (local {@code .tmp} files; none on S3). */
    List<String> temporaryFiles(ObjectKind kind) throws IOException;

    /** Removes leftovers of interrupted writes (prune's housekeeping). */
    void deleteTemporaryFiles(ObjectKind kind) throws IOException;

    /** The object's retain-until date, if it has one (expired dates included). */
    Optional<Instant> retainedUntil(ObjectName name) throws IOException;

    /** Extends an object's lock to {@code until}; a date earlier than the current one changes nothing. */
    void retain(ObjectName name, Instant until) throws IOException;

    /** Deletes an object; refused with {@code RetentionLockedException} while it is locked. */
    void delete(ObjectName name) throws IOException;

    @Override
    void close() throws IOException;
}
