package org.finres.vault.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.finres.vault.engine.chunk.ContentDefinedChunker;
import org.finres.vault.engine.format.BlobCodec;
import org.finres.vault.engine.format.ChainLink;
import org.finres.vault.engine.format.BlobReader;
import org.finres.vault.engine.format.CorruptDataException;
import org.finres.vault.engine.format.DurableFiles;
import org.finres.vault.engine.format.IndexFile;
import org.finres.vault.engine.format.KeyFile;
import org.finres.vault.engine.format.Manifest;
import org.finres.vault.engine.format.PackEntry;
import org.finres.vault.engine.format.PackHeader;
import org.finres.vault.engine.format.PackWriter;
import org.finres.vault.engine.format.RepositoryConfig;
import org.finres.vault.engine.format.RepositoryKeys;
import org.finres.vault.engine.format.TruncatedDataException;
import org.finres.vault.engine.format.UnsupportedVersionException;
import org.finres.vault.engine.index.BlobLocation;
import org.finres.vault.engine.index.ChunkIndex;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.signing.SigningPublicKey;
import org.finres.vault.engine.signing.VaultSignature;
import org.finres.vault.engine.storage.LocalDirectoryStorage;
import org.finres.vault.engine.storage.ObjectKind;
import org.finres.vault.engine.storage.ObjectName;
import org.finres.vault.engine.storage.RepositoryStorage;
import org.finres.vault.engine.storage.S3ObjectLockStorage;

/**
 * A vault repository on a local folder (layout and bytes in FORMAT.md). One process at a time holds it (an OS file
 * lock, which a killed process releases). Consistency rests on write order: a pack is complete before it has its
 * name, an index file is written only after its packs, a manifest only after the index files of its chunks, and
 * prune deletes index files before the packs they name. A crash therefore leaves at most packs no index names,
 * which {@link #open} adopts from their own headers, and {@code .tmp} files, which {@link #prune} removes.
 *
 * <p>Operations on one instance run one at a time (each parallelises internally); the class is not meant to be
 * shared between threads.
 */
public final class VaultRepository implements AutoCloseable {

    /** An index file after every few packs bounds what a crash leaves for the next open to adopt. */
    private static final int INDEX_EVERY_PACKS = 4;
    /** Prune rewrites a pack once this share of its bytes belongs to no snapshot. */
    private static final double REPACK_DEAD_SHARE = 0.25;

    private static final java.util.regex.Pattern PACK_NAME = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final RepositoryStorage storage;
    private final RepositoryConfig config;
    private final RepositoryKeys keys;
    private final ContentDefinedChunker chunker;
    private final int threads;
    private final SigningKeyPair signingKey;
    private final java.io.Closeable lock;
    private ChunkIndex index;
    /** The key file this instance was opened through (see {@link #keys}). */
    private String openedKeyId;
    /** Packs found at open with a sound header but in no index file: written into an index by the next backup. */
    private final List<PackHeader> adoptedPacks = new ArrayList<>();
    /** The retain-until new packs get while a backup runs (its snapshot's lock), null otherwise. */
    private Instant packRetention;

    private VaultRepository(RepositoryStorage storage, RepositoryConfig config, RepositoryKeys keys,
            OpenOptions options, java.io.Closeable lock) {
        this.storage = storage;
        this.config = config;
        this.keys = keys;
        this.chunker = new ContentDefinedChunker(config.parameters().chunking());
        this.threads = options.threads();
        this.signingKey = options.signingKey();
        this.lock = lock;
    }

    // ---------------------------------------------------------------------------------------------- init / open

    /** Makes a new repository in an empty or absent folder, with a fresh data key wrapped by {@code wrapping}. */
    public static VaultRepository init(Path root, KeyWrapping wrapping, RepositoryParameters parameters) {
        return init(new LocalDirectoryStorage(root), wrapping, parameters, Immutability.NONE, OpenOptions.defaults());
    }

    /**
     * Makes a new repository in empty storage: a fresh data key wrapped by {@code wrapping}, and the retention lock
     * and signing key of {@code immutability} pinned in the config. With a retention lock, config and key files are
     * locked for that period from now (and each backup extends them to its snapshot's lock).
     */
    public static VaultRepository init(RepositoryStorage storage, KeyWrapping wrapping,
            RepositoryParameters parameters, Immutability immutability, OpenOptions options) {
        try {
            if (!storage.isEmpty()) {
                throw new VaultIoException("cannot make a repository in " + storage.location()
                        + ": it is not empty", null);
            }
            storage.create();
            byte[] dataKey = RepositoryKeys.newDataKey();
            byte[] id = new byte[16];
            RepositoryKeys.random().nextBytes(id);
            RepositoryConfig config = new RepositoryConfig(RepositoryConfig.FORMAT_VERSION,
                    HexFormat.of().formatHex(id), parameters, immutability.retentionLock(),
                    immutability.signingKey() == null ? null : immutability.signingKey().encode());
            RepositoryKeys keys = RepositoryKeys.of(dataKey);
            Instant lockUntil = immutability.retentionLock() == null ? null
                    : retainUntil(storage.clock().instant(), immutability.retentionLock());
            byte[] wrapped = wrapping.wrap(dataKey, keyContext(config));
            storage.put(ObjectName.of(ObjectKind.KEY, randomName(8)), new KeyFile(wrapping.algorithm(), wrapped)
                    .encode(), lockUntil);
            storage.put(ObjectName.CONFIG, config.text(keys).getBytes(StandardCharsets.UTF_8), lockUntil);
        } catch (IOException e) {
            throw new VaultIoException("cannot make a repository in " + storage.location(), e);
        }
        return open(storage, wrapping, options);
    }

    public static VaultRepository open(Path root, KeyWrapping wrapping) {
        return open(new LocalDirectoryStorage(root), wrapping, OpenOptions.defaults());
    }

    /** @param threads workers for compression, encryption, restore and verify (2 to 4 is the intended range) */
    public static VaultRepository open(Path root, KeyWrapping wrapping, int threads) {
        return open(new LocalDirectoryStorage(root), wrapping, OpenOptions.defaults().withThreads(threads));
    }

    /**
     * Opens a repository: reads the config, unwraps the data key, loads the index. A damaged index file does not
     * stop it (its packs are adopted from their headers; {@link #verify} names the file). The storage is closed
     * with the repository.
     */
    public static VaultRepository open(RepositoryStorage storage, KeyWrapping wrapping, OpenOptions options) {
        String text;
        try {
            text = new String(storage.get(ObjectName.CONFIG), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnsupportedRepositoryException(storage.location() + " is not a vault repository (no config)");
        } catch (IOException e) {
            throw new VaultIoException("cannot read the config of " + storage.location(), e);
        }
        RepositoryConfig config;
        try {
            config = RepositoryConfig.parse(text);
        } catch (UnsupportedVersionException e) {
            throw new UnsupportedRepositoryException(storage.location() + ": " + e.getMessage());
        } catch (CorruptDataException e) {
            throw new DamagedRepositoryException(new Problem.DamagedConfig(e.getMessage()), e);
        }
        Unwrapped unwrapped = unwrapDataKey(storage, config, wrapping);
        RepositoryKeys keys = RepositoryKeys.of(unwrapped.dataKey());
        if (!RepositoryConfig.checkMac(keys, text)) {
            throw new DamagedRepositoryException(new Problem.DamagedConfig("its mac does not match (edited?)"));
        }
        if (options.signingKey() != null && config.signingKey() == null) {
            throw new SignatureRefusedException(storage.location() + " pins no signing key (made without one at init); "
                    + "its chain links are not signed, so open it without a signing key");
        }
        if (options.signingKey() != null && config.signingKey() != null
                && !java.util.Arrays.equals(options.signingKey().publicKey().encode(), config.signingKey())) {
            throw new SignatureRefusedException("the signing key " + options.signingKey().publicKey().fingerprintHex()
                    + " is not the one pinned in the config of " + storage.location() + " ("
                    + pinnedKey(config).fingerprintHex() + ")");
        }
        java.io.Closeable lock;
        try {
            lock = storage.lockExclusive();
        } catch (IOException e) {
            throw new VaultIoException("cannot lock repository " + storage.location(), e);
        }
        if (lock == null) {
            throw new VaultIoException("repository " + storage.location() + " is in use (locked by another process "
                    + "or an open VaultRepository)", null);
        }
        try {
            VaultRepository repository = new VaultRepository(storage, config, keys, options, lock);
            repository.openedKeyId = unwrapped.keyId();
            repository.loadIndex();
            return repository;
        } catch (IOException | RuntimeException e) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // already failing
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new VaultIoException("cannot open repository " + storage.location(), (IOException) e);
        }
    }

    private static SigningPublicKey pinnedKey(RepositoryConfig config) {
        return config.signingKey() == null ? null : SigningPublicKey.decode(config.signingKey());
    }

    /** Retention periods are calendar periods (a 7-year lock ends on the same day 7 years on), counted in UTC. */
    static Instant retainUntil(Instant from, java.time.Period period) {
        return from.atOffset(java.time.ZoneOffset.UTC).plus(period).toInstant();
    }

    private static byte[] keyContext(RepositoryConfig config) {
        return config.repositoryIdBytes();
    }

    /** The data key and the key file that gave it. */
    private record Unwrapped(String keyId, byte[] dataKey) {
    }

    /**
     * Tries every key file of the wrapping's algorithm. When exactly one was tried, its own refusal is rethrown (a
     * custody refusal names the missing custodians, for instance); otherwise the message names every file tried.
     */
    private static Unwrapped unwrapDataKey(RepositoryStorage storage, RepositoryConfig config, KeyWrapping wrapping) {
        List<String> keyFiles;
        try {
            keyFiles = storage.list(ObjectKind.KEY);
        } catch (IOException e) {
            throw new VaultIoException("cannot list the key files of " + storage.location(), e);
        }
        List<String> tried = new ArrayList<>();
        Set<String> otherAlgorithms = new java.util.TreeSet<>();
        WrongKeyException only = null;
        for (String name : keyFiles) {
            KeyFile file;
            try {
                file = KeyFile.decode(storage.get(ObjectName.of(ObjectKind.KEY, name)));
            } catch (CorruptDataException e) {
                continue; // a damaged key file opens nothing; the summary below counts what was tried
            } catch (IOException e) {
                throw new VaultIoException("cannot read key file " + name, e);
            }
            if (!file.algorithm().equals(wrapping.algorithm())) {
                otherAlgorithms.add(file.algorithm());
                continue;
            }
            tried.add(name);
            try {
                byte[] key = wrapping.unwrap(file.wrapped(), keyContext(config));
                if (key.length == RepositoryKeys.DATA_KEY_BYTES) {
                    return new Unwrapped(name, key);
                }
                only = new WrongKeyException("key file " + name + " unwraps to " + key.length
                        + " bytes, not a 32-byte data key (damaged or foreign key file)");
            } catch (WrongKeyException e) {
                only = e;
            } catch (CorruptDataException e) {
                only = new WrongKeyException("key file " + name + " of " + storage.location() + " is damaged: " + e.getMessage());
            }
        }
        if (tried.size() == 1) {
            throw only;
        }
        if (tried.isEmpty()) {
            throw new WrongKeyException(storage.location() + " has no " + wrapping.algorithm() + " key file"
                    + (otherAlgorithms.isEmpty() ? "" : " (its key files are " + String.join(", ", otherAlgorithms)
                            + ")"));
        }
        throw new WrongKeyException("the key does not unwrap any of the " + tried.size() + " " + wrapping.algorithm()
                + " key files of " + storage.location() + " (" + String.join(", ", tried) + "): wrong key, or damaged key files");
    }

    private void loadIndex() throws IOException {
        ChunkIndex loaded = new ChunkIndex();
        Set<PackId> indexed = new HashSet<>();
        for (String name : storage.list(ObjectKind.INDEX)) {
            try {
                IndexFile f = IndexFile.decode(keys, name, storage.get(ObjectName.of(ObjectKind.INDEX, name)));
                for (PackHeader p : f.packs()) {
                    indexed.add(p.pack());
                    p.entries().forEach(e -> loaded.put(e.chunk(), new BlobLocation(p.pack(), e.offset(), e.length())));
                }
            } catch (CorruptDataException | IllegalArgumentException e) {
                // verify names the file; its packs are adopted below from their own headers
            }
        }
        adoptedPacks.clear();
        for (PackId pack : packFiles()) {
            if (indexed.contains(pack)) {
                continue;
            }
            try {
                PackHeader header = readHeader(pack);
                adoptedPacks.add(header);
                header.entries().forEach(e -> loaded.put(e.chunk(), new BlobLocation(pack, e.offset(), e.length())));
            } catch (CorruptDataException | IOException e) {
                // unusable pack: verify reports it, nothing refers to its blobs through the index
            }
        }
        this.index = loaded;
    }

    @Override
    public void close() {
        try {
            lock.close();
            storage.close();
        } catch (IOException e) {
            throw new VaultIoException("cannot release the repository lock", e);
        }
    }

    /** The repository's folder; only for a repository on a {@link LocalDirectoryStorage} (see {@link #storage()}). */
    public Path root() {
        return switch (storage) {
            case LocalDirectoryStorage local -> local.root();
            case S3ObjectLockStorage s3 -> throw new UnsupportedOperationException(s3.location()
                    + " is not a folder; use storage()");
        };
    }

    public RepositoryStorage storage() {
        return storage;
    }

    public RepositoryParameters parameters() {
        return config.parameters();
    }

    public int indexedChunks() {
        return index.size();
    }

    /** Bytes of the in-memory chunk index's tables (see {@link ChunkIndex}). */
    public long indexMemoryBytes() {
        return index.memoryBytes();
    }

    // ---------------------------------------------------------------------------------------------- snapshots

    /** The readable snapshots, by institution and business date; damaged manifests are left out (verify names them). */
    public List<Snapshot> snapshots() {
        List<Snapshot> out = new ArrayList<>();
        readManifests().forEach((id, m) -> {
            if (m instanceof ManifestRead.Read r) {
                out.add(r.snapshot());
            }
        });
        out.sort(Comparator.comparing((Snapshot s) -> s.info().institution())
                .thenComparing(s -> s.info().businessDate()));
        return out;
    }

    /** A manifest as found on disk: read, or damaged with the reason. */
    private sealed interface ManifestRead {
        record Read(Snapshot snapshot, Manifest manifest) implements ManifestRead {
        }

        record Damaged(String file, String detail) implements ManifestRead {
        }
    }

    private Map<SnapshotId, ManifestRead> readManifests() {
        Map<SnapshotId, ManifestRead> out = new LinkedHashMap<>();
        for (String name : listOrFail(ObjectKind.MANIFEST)) {
            if (!SnapshotId.isValid(name)) {
                continue;
            }
            SnapshotId id = new SnapshotId(name);
            try {
                Manifest m = Manifest.decode(keys, name, storage.get(manifestObject(id)));
                if (!keys.snapshotId(m.info()).equals(id)) {
                    out.put(id, new ManifestRead.Damaged(name, "its name does not belong to " + m.info()));
                } else {
                    out.put(id, new ManifestRead.Read(snapshotOf(id, m), m));
                }
            } catch (CorruptDataException e) {
                out.put(id, new ManifestRead.Damaged(name, e.getMessage()));
            } catch (IOException e) {
                out.put(id, new ManifestRead.Damaged(name, "unreadable: " + e));
            }
        }
        return out;
    }

    private static Snapshot snapshotOf(SnapshotId id, Manifest m) {
        return new Snapshot(id, m.info(), m.created(), m.files().size(), m.bytes(), m.chunks());
    }

    // ---------------------------------------------------------------------------------------------- backup

    /**
     * Backs up the regular files below {@code source} (symbolic links are not followed) as the snapshot of
     * {@code info}. Chunks already stored, by any earlier snapshot or by an interrupted backup, are reused.
     *
     * @throws SnapshotExistsException if the institution already has a snapshot of that business date
     */
    public BackupResult backup(Path source, SnapshotInfo info, ProgressListener listener) {
        return backup(source, info, null, listener);
    }

    /**
     * Backs up as {@link #backup(Path, SnapshotInfo, ProgressListener)} does and locks the snapshot, its manifest and
     * every pack it references until {@code retainUntil} (null: the repository's retention lock from now, or no lock
     * if it has none). A date earlier than the repository's lock would give is refused.
     *
     * @throws SnapshotExistsException if the institution already has a snapshot of that business date
     * @throws SignatureRefusedException if the config pins a signing key and the repository was opened without it
     */
    public BackupResult backup(Path source, SnapshotInfo info, Instant retainUntil, ProgressListener listener) {
        SnapshotId id = keys.snapshotId(info);
        Instant lockUntil = snapshotLock(retainUntil);
        if (config.signingKey() != null && signingKey == null) {
            throw new SignatureRefusedException("repository " + storage.location() + " pins signing key "
                    + pinnedKey(config).fingerprintHex() + ": open it with that key pair (OpenOptions.withSigningKey) "
                    + "to back up");
        }
        if (existsOrFail(manifestObject(id))) {
            throw new SnapshotExistsException(info);
        }
        packRetention = lockUntil;
        List<Path> files = sourceFiles(source);
        BackupRun run = new BackupRun(files.size(), listener);
        try {
            if (!adoptedPacks.isEmpty()) {
                writeIndexFile(adoptedPacks);
                adoptedPacks.clear();
            }
            record PendingFile(String path, long size, String sha256, List<Future<ChunkId>> chunks) {
            }
            List<PendingFile> pending = new ArrayList<>();
            for (Path file : files) {
                String relative = relativePath(source, file);
                MessageDigest sha = sha256();
                List<Future<ChunkId>> chunks = new ArrayList<>();
                long size = 0;
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                    ContentDefinedChunker.ChunkStream stream = chunker.open(in);
                    for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                        size += chunk.length;
                        chunks.add(run.submit(chunk));
                        run.read(chunk.length);
                    }
                }
                pending.add(new PendingFile(relative, size, HexFormat.of().formatHex(sha.digest()), chunks));
                run.fileDone();
            }
            List<Manifest.FileEntry> entries = new ArrayList<>(pending.size());
            for (PendingFile p : pending) {
                List<ChunkId> ids = new ArrayList<>(p.chunks().size());
                for (Future<ChunkId> f : p.chunks()) {
                    ids.add(run.await(f));
                }
                entries.add(new Manifest.FileEntry(p.path(), p.size(), p.sha256(), ids));
            }
            run.finish();
            Manifest manifest = new Manifest(info, Instant.now(), entries);
            commitSnapshot(id, manifest, lockUntil);
            try {
                run.report();
            } catch (RuntimeException listenerFailure) {
                // The snapshot is committed: a listener that throws now (a late cancel) must not make the
                // caller believe the backup failed.
            }
            return new BackupResult(snapshotOf(id, manifest), run.bytesRead.get(), run.chunksNew.get(),
                    run.chunksReused.get(), run.bytesStored.get(), run.packsWritten.get());
        } catch (IOException e) {
            throw new VaultIoException("backup of " + source + " as " + info + " failed", e);
        } finally {
            packRetention = null;
            run.close();
        }
    }

    /**
     * One backup's pipeline: the caller's thread reads and chunks, a fixed pool hashes, compresses and seals, and a
     * semaphore bounds the chunks in flight (so memory is at most about 2 x threads chunks beyond the chunker's).
     * A full pack is finished (header, force, rename, index) by one finisher thread, outside the pack lock, so the
     * workers keep compressing while a pack is forced to disk; finished packs reach the index and index files in
     * the order they were filled.
     */
    private final class BackupRun implements AutoCloseable {
        private final ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vault-backup");
            t.setDaemon(true);
            return t;
        });
        private final Semaphore inFlight = new Semaphore(threads * 2);
        /** Chunks claimed by a worker but not yet in a finished pack, so a second copy in the same run is reused. */
        private final Set<ChunkId> claimed = ConcurrentHashMap.newKeySet();
        private final Object packLock = new Object();
        private PackWriter current;
        /** Forces and renames full packs and writes the index files; one thread, so in fill order. */
        private final ExecutorService finisher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vault-pack");
            t.setDaemon(true);
            return t;
        });
        private final List<Future<?>> finishing = new ArrayList<>();
        /** Only touched by the finisher thread (and by finish/close after it has stopped). */
        private final List<PackHeader> unindexed = new ArrayList<>();
        private final int filesTotal;
        private final ProgressListener listener;
        private int filesDone;
        final AtomicLong bytesRead = new AtomicLong();
        final AtomicLong chunksNew = new AtomicLong();
        final AtomicLong chunksReused = new AtomicLong();
        final AtomicLong bytesStored = new AtomicLong();
        final AtomicInteger packsWritten = new AtomicInteger();
        private boolean finished;

        BackupRun(int filesTotal, ProgressListener listener) {
            this.filesTotal = filesTotal;
            this.listener = listener;
        }

        Future<ChunkId> submit(byte[] chunk) throws IOException {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("backup interrupted");
            }
            try {
                return pool.submit(() -> {
                    try {
                        return store(chunk);
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException e) {
                inFlight.release();
                throw e;
            }
        }

        private ChunkId store(byte[] chunk) throws IOException {
            ChunkId id = keys.chunkId(chunk);
            if (index.contains(id) || !claimed.add(id)) {
                chunksReused.incrementAndGet();
                return id;
            }
            byte[] sealed = BlobCodec.seal(keys, id, chunk, config.parameters().compressionLevel());
            synchronized (packLock) {
                if (current == null) {
                    current = newPackWriter();
                }
                current.add(id, sealed);
                if (current.size() >= config.parameters().packSize()) {
                    PackWriter full = current;
                    current = null;
                    finishing.add(finisher.submit(() -> {
                        finishPack(full);
                        return null;
                    }));
                }
            }
            chunksNew.incrementAndGet();
            bytesStored.addAndGet(sealed.length);
            return id;
        }

        /**
         * On the finisher thread (or after it stopped). The index learns a chunk only once its pack is durable under
         * its final name; until then the chunk stays claimed, so a second copy in this run is still reused.
         */
        private void finishPack(PackWriter full) throws IOException {
            PackHeader header;
            try {
                header = full.finish();
            } catch (IOException | RuntimeException e) {
                full.abandon();
                throw e;
            }
            for (PackEntry e : header.entries()) {
                index.put(e.chunk(), new BlobLocation(header.pack(), e.offset(), e.length()));
                claimed.remove(e.chunk());
            }
            unindexed.add(header);
            packsWritten.incrementAndGet();
            if (unindexed.size() >= INDEX_EVERY_PACKS) {
                writeIndexFile(unindexed);
                unindexed.clear();
            }
        }

        <T> T await(Future<T> f) throws IOException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("backup interrupted");
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IllegalStateException(e.getCause());
                }
            }
        }

        void read(int n) {
            bytesRead.addAndGet(n);
            report();
        }

        void fileDone() {
            filesDone++;
            report();
        }

        void report() {
            listener.report(new Progress.Backup(bytesRead.get(), filesDone, filesTotal, chunksNew.get(),
                    chunksReused.get(), bytesStored.get(), packsWritten.get()));
        }

        /** All chunks are stored: closes the last pack and writes the index of what is not yet indexed. */
        void finish() throws IOException {
            pool.shutdown();
            finisher.shutdown();
            List<Future<?>> pendingPacks;
            synchronized (packLock) {
                pendingPacks = new ArrayList<>(finishing);
            }
            for (Future<?> f : pendingPacks) {
                await(f);
            }
            synchronized (packLock) {
                if (current != null) {
                    PackWriter last = current;
                    current = null;
                    finishPack(last);
                }
                if (!unindexed.isEmpty()) {
                    writeIndexFile(unindexed);
                    unindexed.clear();
                }
            }
            finished = true;
        }

        @Override
        public void close() {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
                // Not shutdownNow: a pack being forced finishes (or fails and is abandoned) rather than half-renamed.
                finisher.shutdown();
                finisher.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!finished) {
                synchronized (packLock) {
                    if (current != null) {
                        current.abandon();
                        current = null;
                    }
                    // Finished packs stay: their chunks are in the in-memory index, so the next backup of this
                    // instance writes them into an index file (as the next open would adopt them).
                    adoptedPacks.addAll(unindexed);
                    unindexed.clear();
                }
            }
        }
    }

    private void writeIndexFile(List<PackHeader> packs) throws IOException {
        String name = randomName(32);
        // Index files are not locked: they only repeat the packs' own headers, and prune must be able to merge them.
        storage.put(ObjectName.of(ObjectKind.INDEX, name), new IndexFile(packs).encode(keys, name), null);
    }

    private static List<Path> sourceFiles(Path source) {
        if (!Files.isDirectory(source)) {
            throw new VaultIoException("backup source " + source + " is not a folder", null);
        }
        try (Stream<Path> s = Files.walk(source)) {
            return s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparing(p -> relativePath(source, p))).toList();
        } catch (IOException e) {
            throw new VaultIoException("cannot list backup source " + source, e);
        }
    }

    private static String relativePath(Path source, Path file) {
        return source.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    // ---------------------------------------------------------------------------------------------- restore

    /**
     * Restores a snapshot below {@code target}. Every file is written under a temporary name and checked against
     * its SHA-256; only when all files are right are they renamed into place. On any failure the temporary files
     * are removed and {@link RestoreFailedException} names the file, chunk, pack and offset.
     */
    public void restore(Snapshot snapshot, Path target, ProgressListener listener) {
        Manifest manifest = switch (readManifests().get(snapshot.id())) {
            case null -> throw new RestoreFailedException(snapshot, null, null, null, -1,
                    "the snapshot's manifest is gone", null);
            case ManifestRead.Damaged d -> throw new RestoreFailedException(snapshot, null, null, null, -1,
                    "its manifest " + d.file() + " is damaged: " + d.detail(), null);
            case ManifestRead.Read r -> r.manifest();
        };
        Path base = target.toAbsolutePath().normalize();
        List<Path> outputs = new ArrayList<>();
        for (Manifest.FileEntry f : manifest.files()) {
            Path out = base.resolve(f.path()).normalize();
            if (!out.startsWith(base) || out.equals(base)) {
                throw new RestoreFailedException(snapshot, f.path(), null, null, -1, "path leaves the target", null);
            }
            if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new RestoreFailedException(snapshot, f.path(), null, null, -1,
                        "the target file exists (restore writes only new files)", null);
            }
            outputs.add(out);
        }
        RestoreRun run = new RestoreRun(snapshot, manifest, outputs, new SerialProgress(listener));
        try {
            List<Path> restored = run.run();
            for (int i = 0; i < restored.size(); i++) {
                try {
                    Files.move(restored.get(i), outputs.get(i), StandardCopyOption.ATOMIC_MOVE);
                    run.temps.remove(restored.get(i));
                } catch (IOException e) {
                    throw new RestoreFailedException(snapshot, manifest.files().get(i).path(), null, null, -1,
                            "cannot rename into place: " + e, e);
                }
            }
            outputs.stream().map(Path::getParent).distinct().forEach(DurableFiles::forceDirectory);
        } finally {
            run.close();
        }
    }

    /**
     * One restore's pipeline. The chunks of all files are claimed one at a time by {@code threads} workers (see
     * {@code claim}), which read, authenticate (GCM tag; the chunk id is not recomputed, see FORMAT.md "Why restore
     * does not recompute chunk ids") and decompress them in parallel, also within one large file. A decoded chunk goes to its
     * file's {@link FileSink}, which hashes and writes chunks strictly in order: the worker that delivers the next
     * chunk of a file writes it and any later ones already waiting, the others go on decoding. A semaphore bounds the
     * decoded chunks held (memory: about 2 x threads + 2 chunks); it cannot deadlock, since a file's chunks are claimed
     * in order, so the lowest unwritten chunk of each file is always either being decoded or the next one to write. A file is checked (size, SHA-256) when its
     * last chunk is written and forced to disk once, on a second pool; nothing is renamed into place before every
     * file is written, checked and forced.
     */
    private final class RestoreRun implements AutoCloseable {
        private final Snapshot snapshot;
        private final List<Manifest.FileEntry> files;
        private final List<Path> outputs;
        private final SerialProgress progress;
        private final long total;
        final ConcurrentLinkedQueue<Path> temps = new ConcurrentLinkedQueue<>();
        private final PackChannels packs = new PackChannels();
        private final AtomicLong written = new AtomicLong();
        private final AtomicInteger filesDone = new AtomicInteger();
        private final Semaphore decoded = new Semaphore(threads * 2 + 2);
        private final ConcurrentLinkedQueue<byte[]> freeBuffers = new ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicReference<RestoreFailedException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        private final List<CompletableFuture<Path>> forced = new ArrayList<>();
        private final FileSink[] sinks;
        private final ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vault-restore");
            t.setDaemon(true);
            return t;
        });
        private final ExecutorService forcer = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vault-restore-force");
            t.setDaemon(true);
            return t;
        });
        /** Claims (guarded by {@code this}): the first file no worker has started, per file the next chunk. */
        private int fileCursor;
        private int helpCursor;
        private final int[] nextChunk;

        RestoreRun(Snapshot snapshot, Manifest manifest, List<Path> outputs, SerialProgress progress) {
            this.snapshot = snapshot;
            this.files = manifest.files();
            this.outputs = outputs;
            this.progress = progress;
            this.total = manifest.bytes();
            this.sinks = new FileSink[files.size()];
            this.nextChunk = new int[files.size()];
            for (int i = 0; i < sinks.length; i++) {
                sinks[i] = new FileSink(files.get(i), outputs.get(i));
                forced.add(sinks[i].done);
            }
        }

        /** Restores every file to its temporary name; returns them, checked and forced, in manifest order. */
        List<Path> run() {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(this::work));
            }
            try {
                for (Future<?> w : workers) {
                    w.get();
                }
                List<Path> restored = new ArrayList<>();
                for (CompletableFuture<Path> f : forced) {
                    if (failure.get() != null) {
                        break;
                    }
                    restored.add(f.get());
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
                return restored;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new RestoreFailedException(snapshot, null, null, null, -1, "interrupted", e));
                throw failure.get();
            } catch (ExecutionException e) {
                fail(e.getCause() instanceof RestoreFailedException r ? r : new RestoreFailedException(snapshot, null,
                        null, null, -1, "unexpected failure: " + e.getCause(), e.getCause()));
                throw failure.get();
            }
        }

        private record Claim(int file, int chunk) {
        }

        /**
         * The next chunk for a worker, or null when all are claimed; an empty file is a claim of chunk -1. A worker
         * keeps to its file (it then decodes, hashes and writes each chunk itself, while the chunk is in its core's
         * cache), takes the next unstarted file when its own is all claimed, and only then helps on the lowest file
         * with chunks left: one large file, or the last files of a snapshot, are still shared by every worker. The
         * chunks of one file are claimed in order, which is what keeps the pipeline free of deadlock.
         */
        private synchronized Claim claim(int ownFile) {
            if (ownFile >= 0 && nextChunk[ownFile] < files.get(ownFile).chunks().size()) {
                return new Claim(ownFile, nextChunk[ownFile]++);
            }
            if (fileCursor < files.size()) {
                int f = fileCursor++;
                if (files.get(f).chunks().isEmpty()) {
                    return new Claim(f, -1);
                }
                nextChunk[f] = 1;
                return new Claim(f, 0);
            }
            for (; helpCursor < files.size(); helpCursor++) {
                if (nextChunk[helpCursor] < files.get(helpCursor).chunks().size()) {
                    return new Claim(helpCursor, nextChunk[helpCursor]++);
                }
            }
            return null;
        }

        private void work() {
            BlobReader reader = new BlobReader(keys, maxChunk());
            int ownFile = -1;
            while (failure.get() == null) {
                try {
                    decoded.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail(new RestoreFailedException(snapshot, null, null, null, -1, "interrupted", e));
                    return;
                }
                Claim c = failure.get() == null ? claim(ownFile) : null;
                if (c == null) {
                    decoded.release();
                    return;
                }
                ownFile = c.file();
                FileSink sink = sinks[c.file()];
                try {
                    if (c.chunk() < 0) {
                        decoded.release();
                        sink.finish();
                        continue;
                    }
                    ChunkId id = files.get(c.file()).chunks().get(c.chunk());
                    int n = decode(reader, sink.entry, id);
                    byte[] buffer = freeBuffers.poll();
                    sink.deliver(c.chunk(), reader.swapPlaintext(buffer == null ? new byte[0] : buffer), n);
                } catch (RestoreFailedException e) {
                    fail(e);
                } catch (RuntimeException e) {
                    fail(new RestoreFailedException(snapshot, sink.entry.path(), null, null, -1,
                            "unexpected failure: " + e, e));
                }
            }
        }

        private int decode(BlobReader reader, Manifest.FileEntry f, ChunkId c) {
            BlobLocation loc = index.get(c);
            if (loc == null) {
                throw new RestoreFailedException(snapshot, f.path(), c, null, -1,
                        "the chunk is in no index file and no pack header", null);
            }
            try {
                byte[] sealed = reader.sealedBuffer(loc.length());
                readFully(packs.get(loc.pack()), loc.offset(), sealed, loc.length());
                return reader.open(c, sealed, 0, loc.length(), false);
            } catch (NoSuchFileException e) {
                throw new RestoreFailedException(snapshot, f.path(), c, loc.pack(), loc.offset(),
                        "the pack file is missing", e);
            } catch (TruncatedDataException e) {
                throw new RestoreFailedException(snapshot, f.path(), c, loc.pack(), loc.offset(),
                        "the pack ends before this blob (truncated)", e);
            } catch (CorruptDataException e) {
                throw new RestoreFailedException(snapshot, f.path(), c, loc.pack(), loc.offset(),
                        "the blob is damaged: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new RestoreFailedException(snapshot, f.path(), c, loc.pack(), loc.offset(),
                        "cannot read the pack: " + e, e);
            }
        }

        /** The first failure wins; the workers stop claiming, and every file still waiting fails with it. */
        private void fail(RestoreFailedException e) {
            if (failure.compareAndSet(null, e)) {
                // wake workers waiting for a buffer that a stopped file will never hand back
                decoded.release(threads);
            }
            RestoreFailedException first = failure.get();
            for (FileSink s : sinks) {
                s.done.completeExceptionally(first);
            }
        }

        /**
         * One file being restored: decoded chunks wait here until they are next; one thread at a time (the
         * "drainer") hashes and writes them, outside the lock, so that other workers only ever wait to hand over.
         */
        private final class FileSink {
            final Manifest.FileEntry entry;
            final Path temp;
            final CompletableFuture<Path> done = new CompletableFuture<>();
            private final Path out;
            private final Map<Integer, byte[]> waiting = new HashMap<>();
            private final Map<Integer, Integer> lengths = new HashMap<>();
            private int next;
            private boolean draining;
            /** Touched only by the current drainer (a happens-before edge through the lock between drainers). */
            private FileChannel channel;
            private MessageDigest sha;
            private long size;

            FileSink(Manifest.FileEntry entry, Path out) {
                this.entry = entry;
                this.out = out;
                this.temp = out.resolveSibling("." + out.getFileName() + ".finres-restore" + DurableFiles.TEMP_SUFFIX);
            }

            void deliver(int chunk, byte[] buffer, int length) {
                synchronized (this) {
                    waiting.put(chunk, buffer);
                    lengths.put(chunk, length);
                    if (draining) {
                        return;
                    }
                    draining = true;
                }
                while (true) {
                    byte[] b;
                    int n;
                    int index;
                    synchronized (this) {
                        index = next;
                        b = waiting.remove(index);
                        if (b == null || failure.get() != null) {
                            draining = false;
                            if (b != null) {
                                recycle(b);
                            }
                            return;
                        }
                        n = lengths.remove(index);
                    }
                    try {
                        write(b, n);
                    } finally {
                        recycle(b);
                    }
                    synchronized (this) {
                        next = index + 1;
                    }
                    progress.report(new Progress.Restore(written.addAndGet(n), total, filesDone.get(),
                            outputs.size()));
                    if (index + 1 == entry.chunks().size()) {
                        synchronized (this) {
                            draining = false;
                        }
                        finish();
                        return;
                    }
                }
            }

            private void recycle(byte[] buffer) {
                freeBuffers.add(buffer);
                decoded.release();
            }

            private void open() throws IOException {
                Files.createDirectories(out.getParent());
                temps.add(temp);
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                sha = sha256();
            }

            private void write(byte[] b, int n) {
                try {
                    if (channel == null) {
                        open();
                    }
                    sha.update(b, 0, n);
                    ByteBuffer buf = ByteBuffer.wrap(b, 0, n);
                    long at = size;
                    while (buf.hasRemaining()) {
                        at += channel.write(buf, at);
                    }
                    size += n;
                } catch (IOException e) {
                    throw new RestoreFailedException(snapshot, entry.path(), null, null, -1, "cannot write " + temp
                            + ": " + e, e);
                }
            }

            /** After the last chunk (or at once for an empty file): close, check, and force on the second pool. */
            void finish() {
                try {
                    if (channel == null) {
                        open();
                    }
                    channel.close();
                } catch (IOException e) {
                    throw new RestoreFailedException(snapshot, entry.path(), null, null, -1, "cannot write " + temp
                            + ": " + e, e);
                }
                String digest = HexFormat.of().formatHex(sha.digest());
                if (size != entry.size() || !digest.equals(entry.sha256())) {
                    throw new RestoreFailedException(snapshot, entry.path(), null, null, -1, "restored " + size
                            + " bytes with SHA-256 " + digest + ", the manifest says " + entry.size() + " bytes "
                            + entry.sha256(), null);
                }
                progress.report(new Progress.Restore(written.get(), total, filesDone.incrementAndGet(),
                        outputs.size()));
                // forced on another thread, so this worker goes on decoding meanwhile
                CompletableFuture.supplyAsync(() -> force(snapshot, entry, temp), forcer).whenComplete((p, e) -> {
                    if (e != null) {
                        fail(e.getCause() instanceof RestoreFailedException r ? r : e instanceof RestoreFailedException r2
                                ? r2 : new RestoreFailedException(snapshot, entry.path(), null, null, -1,
                                        "cannot force " + temp + ": " + e, e));
                    } else {
                        done.complete(p);
                    }
                });
            }

            void closeQuietly() {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException ignored) {
                    // failing already; the temporary file is deleted next
                }
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            forcer.shutdownNow();
            try {
                forcer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (FileSink s : sinks) {
                s.closeQuietly();
            }
            packs.close();
            for (Path t : temps) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // best effort: a leftover has a name no snapshot file can have
                }
            }
        }
    }

    /** Forces a restored, checked temporary file to disk. */
    private static Path force(Snapshot snapshot, Manifest.FileEntry f, Path temp) {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new RestoreFailedException(snapshot, f.path(), null, null, -1, "cannot force " + temp + ": " + e,
                    e);
        }
        return temp;
    }

    /** Read channels on packs, opened once per pack and shared by the restore workers (positional reads). */
    private final class PackChannels implements AutoCloseable {
        private final Map<PackId, FileChannel> open = new ConcurrentHashMap<>();

        FileChannel get(PackId pack) throws IOException {
            FileChannel ch = open.get(pack);
            if (ch == null) {
                synchronized (this) {
                    ch = open.get(pack);
                    if (ch == null) {
                        ch = storage.openForReading(packObject(pack));
                        open.put(pack, ch);
                    }
                }
            }
            return ch;
        }

        @Override
        public void close() {
            open.values().forEach(ch -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // read-only
                }
            });
        }
    }

    /**
     * Serialises listener calls from worker threads (the listener contract promises one call at a time), and keeps
     * restore reports monotonic: a worker that read the counters before another may reach the lock after it, and its
     * older figures must not make the progress go backwards.
     */
    private static final class SerialProgress {
        private final ProgressListener listener;
        private long bytes;
        private int files;

        SerialProgress(ProgressListener listener) {
            this.listener = listener;
        }

        synchronized void report(Progress p) {
            Progress shown = p;
            if (p instanceof Progress.Restore r) {
                bytes = Math.max(bytes, r.bytesWritten());
                files = Math.max(files, r.filesDone());
                shown = new Progress.Restore(bytes, r.bytesTotal(), files, r.filesTotal());
            }
            synchronized (listener) {
                listener.report(shown);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- verify

    public VerifyReport verify() {
        return verify(ProgressListener.NONE);
    }

    /**
     * Reads back every blob of every pack (authenticating, decompressing and hashing each to its chunk id), every
     * index file and every manifest, and reports every problem found; it stops at none. Read-only.
     */
    public VerifyReport verify(ProgressListener listener) {
        List<Problem> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        record IndexRef(String file, PackEntry entry) {
        }
        Map<PackId, List<IndexRef>> indexed = new LinkedHashMap<>();
        for (String name : listOrFail(ObjectKind.INDEX)) {
            try {
                for (PackHeader p : IndexFile.decode(keys, name, storage.get(ObjectName.of(ObjectKind.INDEX, name)))
                        .packs()) {
                    List<IndexRef> refs = indexed.computeIfAbsent(p.pack(), k -> new ArrayList<>());
                    p.entries().forEach(e -> refs.add(new IndexRef(name, e)));
                }
            } catch (CorruptDataException e) {
                problems.add(new Problem.DamagedIndexFile(name, e.getMessage()));
            } catch (IOException e) {
                problems.add(new Problem.DamagedIndexFile(name, "unreadable: " + e));
            }
        }
        List<PackId> packFiles = packFilesOrFail();
        Set<PackId> present = new HashSet<>(packFiles);
        indexed.forEach((pack, refs) -> {
            if (!present.contains(pack)) {
                problems.add(new Problem.MissingPack(pack, refs.size()));
            }
        });
        ChunkIndex sound = new ChunkIndex();
        AtomicLong blobs = new AtomicLong();
        AtomicLong bytesRead = new AtomicLong();
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger unindexedPacks = new AtomicInteger();
        SerialProgress progress = new SerialProgress(listener);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vault-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            for (PackId pack : packFiles) {
                List<IndexRef> refs = indexed.getOrDefault(pack, List.of());
                work.add(pool.submit(() -> {
                    List<PackEntry> fromIndex = refs.stream().map(IndexRef::entry).distinct().toList();
                    PackCheck result = checkPack(pack, fromIndex, sound);
                    problems.addAll(result.problems());
                    blobs.addAndGet(result.blobs());
                    bytesRead.addAndGet(result.bytes());
                    if (result.header() != null) {
                        if (refs.isEmpty()) {
                            unindexedPacks.incrementAndGet();
                        }
                        Set<PackEntry> inHeader = new HashSet<>(result.header().entries());
                        for (IndexRef ref : refs) {
                            if (!inHeader.contains(ref.entry())) {
                                problems.add(new Problem.IndexEntryPointsNowhere(ref.file(), ref.entry().chunk(),
                                        pack, ref.entry().offset()));
                            }
                        }
                    }
                    progress.report(new Progress.Verify(checked.incrementAndGet(), packFiles.size(), bytesRead.get(),
                            problems.size()));
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultIoException("verify interrupted", null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verify failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int snapshots = 0;
        for (ManifestRead read : readManifests().values()) {
            switch (read) {
                case ManifestRead.Damaged d -> problems.add(new Problem.DamagedManifest(d.file(), d.detail()));
                case ManifestRead.Read r -> {
                    snapshots++;
                    checkSnapshot(r, sound, problems);
                }
            }
        }
        if (config.chained()) {
            problems.addAll(new ChainCheck().run(present));
        }
        int temporary = 0;
        for (ObjectKind kind : ObjectKind.values()) {
            try {
                temporary += storage.temporaryFiles(kind).size();
            } catch (IOException e) {
                throw new VaultIoException("cannot list " + kind.folder() + " of " + storage.location(), e);
            }
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(Problem::describe));
        return new VerifyReport(sorted, packFiles.size(), blobs.get(), bytesRead.get(), snapshots,
                unindexedPacks.get(), temporary);
    }

    private void checkSnapshot(ManifestRead.Read r, ChunkIndex sound, List<Problem> problems) {
        for (Manifest.FileEntry f : r.manifest().files()) {
            int bad = 0;
            ChunkId first = null;
            for (ChunkId c : f.chunks()) {
                if (!sound.contains(c)) {
                    if (first == null) {
                        first = c;
                    }
                    bad++;
                }
            }
            if (first != null) {
                BlobLocation loc = index.get(first);
                problems.add(loc == null ? new Problem.MissingChunk(r.snapshot(), f.path(), first)
                        : new Problem.DamagedFile(r.snapshot(), f.path(), first, loc.pack(), loc.offset(), bad));
            }
        }
    }

    private record PackCheck(PackHeader header, List<Problem> problems, long blobs, long bytes) {
    }

    /** Checks one pack: trailer and header, then every blob the header (or, if it is damaged, the index) lists. */
    private PackCheck checkPack(PackId pack, List<PackEntry> fromIndex, ChunkIndex sound) {
        List<Problem> problems = new ArrayList<>();
        PackHeader header = null;
        long blobs = 0;
        long bytes = 0;
        try (FileChannel ch = storage.openForReading(packObject(pack))) {
            long size = ch.size();
            try {
                byte[] magic = readBlob(ch, 0, PackHeader.FILE_MAGIC.length);
                if (!java.util.Arrays.equals(magic, PackHeader.FILE_MAGIC)) {
                    problems.add(new Problem.DamagedPackHeader(pack, "the file does not start with FRVP 1"));
                }
                header = readHeader(ch, pack);
            } catch (TruncatedDataException e) {
                problems.add(new Problem.TruncatedPack(pack, size, e.getMessage()));
            } catch (CorruptDataException e) {
                problems.add(new Problem.DamagedPackHeader(pack, e.getMessage()));
            }
            List<PackEntry> entries = header != null ? header.entries() : fromIndex;
            BlobReader reader = new BlobReader(keys, maxChunk());
            for (PackEntry e : entries) {
                blobs++;
                try {
                    byte[] sealed = reader.sealedBuffer(e.length());
                    readFully(ch, e.offset(), sealed, e.length());
                    bytes += e.length();
                    // verify recomputes every chunk id: it is the check that the plaintext is what was chunked
                    reader.open(e.chunk(), sealed, 0, e.length(), true);
                    sound.put(e.chunk(), new BlobLocation(pack, e.offset(), e.length()));
                } catch (TruncatedDataException ex) {
                    problems.add(new Problem.DamagedBlob(pack, e.offset(), e.chunk(),
                            "the pack ends before this blob (truncated at " + size + " bytes)"));
                } catch (CorruptDataException ex) {
                    problems.add(new Problem.DamagedBlob(pack, e.offset(), e.chunk(), ex.getMessage()));
                }
            }
        } catch (IOException e) {
            problems.add(new Problem.DamagedPackHeader(pack, "unreadable: " + e));
        }
        return new PackCheck(header, problems, blobs, bytes);
    }

    // ---------------------------------------------------------------------------------------------- prune

    /**
     * Removes the snapshots the policy does not keep, then the packs no remaining snapshot needs, and rewrites packs
     * that are mostly dead. Refuses to run while any manifest is damaged, since a snapshot it cannot read might need
     * any chunk. Also removes the temporary files of interrupted runs.
     */
    public PruneResult prune(RetentionPolicy policy, ProgressListener listener) {
        Map<SnapshotId, ManifestRead> manifests = readManifests();
        List<ManifestRead.Read> readable = new ArrayList<>();
        for (ManifestRead m : manifests.values()) {
            switch (m) {
                case ManifestRead.Damaged d -> throw new DamagedRepositoryException(
                        new Problem.DamagedManifest(d.file(), d.detail() + " (prune needs every manifest)"));
                case ManifestRead.Read r -> readable.add(r);
            }
        }
        Instant now = storage.clock().instant();
        Map<ObjectName, Instant> locks;
        try {
            locks = chainLocks();
        } catch (IOException e) {
            throw new VaultIoException("cannot read the chain of " + storage.location(), e);
        }
        Set<SnapshotId> keep = kept(readable.stream().map(ManifestRead.Read::snapshot).toList(), policy);
        List<Snapshot> removed = new ArrayList<>();
        List<Snapshot> lockedSnapshots = new ArrayList<>();
        ChunkIndex live = new ChunkIndex();
        try {
            for (ManifestRead.Read r : readable) {
                Snapshot s = r.snapshot();
                boolean kept = keep.contains(s.id());
                if (!kept && lockedUntil(manifestObject(s.id()), locks, now) != null) {
                    lockedSnapshots.add(s); // the policy would drop it; its lock keeps it, and so its chunks
                    kept = true;
                }
                if (kept) {
                    r.manifest().files().forEach(f -> f.chunks().forEach(c -> live.put(c, index.get(c) == null
                            ? new BlobLocation(new PackId(0, 0, 0, 0), 0, 0) : index.get(c))));
                } else {
                    // The chain link stays: it records that this snapshot existed and when its lock ended.
                    storage.delete(manifestObject(s.id()));
                    removed.add(s);
                    listener.report(new Progress.Prune("snapshots", removed.size(),
                            readable.size() - keep.size() - lockedSnapshots.size()));
                }
            }

            // Every pack the index files and the adopted headers know, with all entries (duplicates included).
            Map<PackId, PackHeader> known = new LinkedHashMap<>();
            List<String> oldIndexFiles = storage.list(ObjectKind.INDEX);
            for (String file : oldIndexFiles) {
                try {
                    IndexFile.decode(keys, file, storage.get(ObjectName.of(ObjectKind.INDEX, file))).packs()
                            .forEach(p -> known.merge(p.pack(), p, VaultRepository::union));
                } catch (CorruptDataException e) {
                    // its packs were adopted from their headers at open
                }
            }
            adoptedPacks.forEach(p -> known.merge(p.pack(), p, VaultRepository::union));

            List<PackHeader> keptPacks = new ArrayList<>();
            List<PackId> drop = new ArrayList<>();
            List<PackHeader> repack = new ArrayList<>();
            int lockedPacks = 0;
            Set<PackId> present = new HashSet<>(packFiles());
            for (PackHeader p : known.values()) {
                long liveBytes = 0;
                long deadBytes = 0;
                for (PackEntry e : p.entries()) {
                    if (isLiveCopy(live, p.pack(), e)) {
                        liveBytes += e.length();
                    } else {
                        deadBytes += e.length();
                    }
                }
                boolean reclaimable = liveBytes == 0 || deadBytes >= REPACK_DEAD_SHARE * (liveBytes + deadBytes);
                if (!present.contains(p.pack())) {
                    keptPacks.add(p); // missing: keep naming it so verify keeps reporting it
                } else if (reclaimable && lockedUntil(packObject(p.pack()), locks, now) != null) {
                    keptPacks.add(p); // a locked pack is neither deleted nor rewritten before its lock ends
                    lockedPacks++;
                } else if (liveBytes == 0) {
                    drop.add(p.pack());
                } else if (reclaimable) {
                    repack.add(p);
                } else {
                    keptPacks.add(p);
                }
            }
            long freed = 0;
            List<PackHeader> newPacks = new ArrayList<>();
            PackWriter writer = null;
            int done = 0;
            try {
                for (PackHeader p : repack) {
                    try (FileChannel ch = storage.openForReading(packObject(p.pack()))) {
                        for (PackEntry e : p.entries()) {
                            if (!isLiveCopy(live, p.pack(), e)) {
                                continue;
                            }
                            byte[] sealed;
                            try {
                                sealed = readBlob(ch, e.offset(), e.length());
                                BlobCodec.open(keys, e.chunk(), sealed, 0, sealed.length, maxChunk());
                            } catch (CorruptDataException ex) {
                                throw new DamagedRepositoryException(new Problem.DamagedBlob(p.pack(), e.offset(),
                                        e.chunk(), ex.getMessage() + " (prune does not copy damaged blobs)"), ex);
                            }
                            if (writer == null) {
                                writer = newPackWriter();
                            }
                            writer.add(e.chunk(), sealed);
                            if (writer.size() >= config.parameters().packSize()) {
                                newPacks.add(writer.finish());
                                writer = null;
                            }
                        }
                    }
                    listener.report(new Progress.Prune("repack", ++done, repack.size()));
                }
                if (writer != null) {
                    newPacks.add(writer.finish());
                    writer = null;
                }
            } finally {
                if (writer != null) {
                    writer.abandon();
                }
            }
            boolean changed = !drop.isEmpty() || !repack.isEmpty() || oldIndexFiles.size() > 1
                    || !adoptedPacks.isEmpty();
            if (changed) {
                List<PackHeader> all = new ArrayList<>(keptPacks);
                all.addAll(newPacks);
                // New index first, then old index files, then packs: no moment where an index names a deleted pack.
                writeIndexFile(all);
                for (String f : oldIndexFiles) {
                    storage.delete(ObjectName.of(ObjectKind.INDEX, f));
                }
                List<PackId> deleted = new ArrayList<>(drop);
                repack.forEach(p -> deleted.add(p.pack()));
                done = 0;
                for (PackId p : deleted) {
                    freed += storage.size(packObject(p));
                    storage.delete(packObject(p));
                    listener.report(new Progress.Prune("delete", ++done, deleted.size()));
                }
                for (PackHeader p : newPacks) {
                    freed -= storage.size(packObject(p.pack()));
                }
            }
            for (ObjectKind kind : ObjectKind.values()) {
                storage.deleteTemporaryFiles(kind);
            }
            loadIndex();
            return new PruneResult(removed, drop.size(), repack.size(), Math.max(0, freed), lockedSnapshots,
                    lockedPacks);
        } catch (IOException e) {
            throw new VaultIoException("prune of " + storage.location() + " failed", e);
        }
    }

    private boolean isLiveCopy(ChunkIndex live, PackId pack, PackEntry e) {
        BlobLocation canonical = live.get(e.chunk());
        return canonical != null && canonical.equals(new BlobLocation(pack, e.offset(), e.length()));
    }

    private static PackHeader union(PackHeader a, PackHeader b) {
        Set<PackEntry> entries = new java.util.LinkedHashSet<>(a.entries());
        entries.addAll(b.entries());
        return new PackHeader(a.pack(), new ArrayList<>(entries));
    }

    /**
     * The snapshots a policy keeps: per institution, newest dates, month ends and year ends. Public so that a dry
     * run (the CLI's {@code prune --dry-run}) shows exactly what {@link #prune} would remove.
     */
    public static Set<SnapshotId> kept(List<Snapshot> snapshots, RetentionPolicy policy) {
        Map<String, List<Snapshot>> byInstitution = new HashMap<>();
        snapshots.forEach(s -> byInstitution.computeIfAbsent(s.info().institution(), k -> new ArrayList<>()).add(s));
        Set<SnapshotId> keep = new HashSet<>();
        for (List<Snapshot> list : byInstitution.values()) {
            list.sort(Comparator.comparing((Snapshot s) -> s.info().businessDate()).reversed());
            Set<YearMonth> months = new HashSet<>();
            Set<Integer> years = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Snapshot s = list.get(i);
                YearMonth month = YearMonth.from(s.info().businessDate());
                int year = month.getYear();
                boolean newestOfMonth = !months.contains(month);
                boolean newestOfYear = !years.contains(year);
                if (i < policy.lastDates()) {
                    keep.add(s.id());
                }
                if (newestOfMonth && months.size() < policy.monthEnds()) {
                    keep.add(s.id());
                }
                if (newestOfYear && years.size() < policy.yearEnds()) {
                    keep.add(s.id());
                }
                months.add(month);
                years.add(year);
            }
        }
        return keep;
    }

    // ---------------------------------------------------------------------------------------------- immutability

    /** The lock a new snapshot gets: the one asked for, else the repository's retention lock from now, else none. */
    private Instant snapshotLock(Instant requested) {
        Instant now = storage.clock().instant();
        Instant fromPolicy = config.retentionLock() == null ? null : retainUntil(now, config.retentionLock());
        if (requested == null) {
            return fromPolicy;
        }
        if (!requested.isAfter(now)) {
            throw new IllegalArgumentException("retain-until " + requested + " is not in the future (now " + now
                    + ")");
        }
        if (fromPolicy != null && requested.isBefore(fromPolicy)) {
            throw new IllegalArgumentException("retain-until " + requested + " is earlier than the repository's "
                    + "retention lock of " + config.retentionLock() + " allows (" + fromPolicy + ")");
        }
        return requested;
    }

    /** A pack writer that hands its finished file to the storage, locked as the running backup's snapshot. */
    private PackWriter newPackWriter() throws IOException {
        PackId id = PackId.random(RepositoryKeys.random());
        Instant until = packRetention;
        return new PackWriter(keys, storage.stagingFolder(ObjectKind.PACK), id,
                complete -> storage.putFile(packObject(id), complete, until));
    }

    /**
     * Makes a backed-up snapshot exist: locks what it references (reused packs get their lock extended, config and key
     * files too, so the snapshot stays restorable for as long as it is locked), writes the manifest, then the chain
     * link that records it. A crash between the two leaves a manifest without a link, which the next backup chains.
     */
    private void commitSnapshot(SnapshotId id, Manifest manifest, Instant lockUntil) throws IOException {
        byte[] encoded = manifest.encode(keys, id.value());
        List<PackId> packs = packsOf(manifest);
        if (lockUntil != null) {
            for (PackId p : packs) {
                storage.retain(packObject(p), lockUntil);
            }
            storage.retain(ObjectName.CONFIG, lockUntil);
            for (String k : storage.list(ObjectKind.KEY)) {
                storage.retain(ObjectName.of(ObjectKind.KEY, k), lockUntil);
            }
        }
        List<ChainLink> chain = config.chained() ? readChainForAppend() : List.of();
        if (config.chained()) {
            chain = chainUnchained(chain);
        }
        try {
            storage.put(manifestObject(id), encoded, lockUntil);
        } catch (FileAlreadyExistsException e) {
            throw new SnapshotExistsException(manifest.info());
        }
        if (config.chained()) {
            appendLink(chain, id, ChainLink.sha256(encoded), manifest.created(), lockUntil, packs);
        }
    }

    /** The packs holding a manifest's chunks (where the index places them now), sorted. */
    private List<PackId> packsOf(Manifest manifest) {
        Set<PackId> packs = new java.util.TreeSet<>(Comparator.comparing(PackId::hex));
        for (Manifest.FileEntry f : manifest.files()) {
            for (ChunkId c : f.chunks()) {
                BlobLocation loc = index.get(c);
                if (loc != null) {
                    packs.add(loc.pack());
                }
            }
        }
        return List.copyOf(packs);
    }

    /** Every link, in order; refuses to extend a chain whose links do not parse. */
    private List<ChainLink> readChainForAppend() throws IOException {
        List<ChainLink> out = new ArrayList<>();
        for (String name : storage.list(ObjectKind.CHAIN)) {
            try {
                out.add(ChainLink.decode(storage.get(ObjectName.of(ObjectKind.CHAIN, name))));
            } catch (CorruptDataException e) {
                throw new DamagedRepositoryException(new Problem.BrokenChainLink(sequenceOf(name),
                        "it does not parse (" + e.getMessage() + "); backup does not extend a broken chain"), e);
            }
        }
        return out;
    }

    /** Chains manifests a crash left without a link (sound manifests only: they authenticate under the data key). */
    private List<ChainLink> chainUnchained(List<ChainLink> chain) throws IOException {
        Set<SnapshotId> chained = new HashSet<>();
        chain.forEach(l -> chained.add(l.snapshot()));
        List<ChainLink> out = new ArrayList<>(chain);
        List<ManifestRead.Read> orphans = new ArrayList<>();
        // Only manifests newer than the chain's head: what a backup killed between manifest and link leaves. An
        // older manifest outside the chain was put there behind it, and stays named by verify.
        Instant head = chain.isEmpty() ? Instant.MIN : chain.getLast().created();
        readManifests().forEach((sid, read) -> {
            if (read instanceof ManifestRead.Read r && !chained.contains(sid) && r.manifest().created().isAfter(head)) {
                orphans.add(r);
            }
        });
        orphans.sort(Comparator.comparing(r -> r.snapshot().created()));
        for (ManifestRead.Read r : orphans) {
            SnapshotId sid = r.snapshot().id();
            byte[] bytes = storage.get(manifestObject(sid));
            Instant until = storage.retainedUntil(manifestObject(sid)).orElse(null);
            out.add(appendLink(out, sid, ChainLink.sha256(bytes), r.manifest().created(), until,
                    packsOf(r.manifest())));
        }
        return out;
    }

    private ChainLink appendLink(List<ChainLink> chain, SnapshotId snapshot, byte[] manifestSha256, Instant created,
            Instant lockUntil, List<PackId> packs) throws IOException {
        long sequence = chain.isEmpty() ? 1 : chain.getLast().sequence() + 1;
        byte[] previous = chain.isEmpty() ? new byte[32] : chain.getLast().hash();
        SigningPublicKey pinned = pinnedKey(config);
        ChainLink link = new ChainLink(config.repositoryIdBytes(), sequence, previous, snapshot, manifestSha256,
                created, lockUntil, packs, pinned == null ? null : pinned.fingerprint(), new byte[0]);
        if (pinned != null) {
            byte[] signature = signingKey.sign(ChainLink.SIGNING_CONTEXT, link.signedBytes()).encode();
            link = new ChainLink(link.repositoryId(), sequence, previous, snapshot, manifestSha256, created, lockUntil,
                    packs, link.signer(), signature);
        }
        storage.put(ObjectName.of(ObjectKind.CHAIN, link.name()), link.encode(), lockUntil);
        return link;
    }

    private static long sequenceOf(String linkName) {
        try {
            return linkName.length() == 16 ? java.util.HexFormat.fromHexDigitsToLong(linkName) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The latest retain-until per object over all chain links that parse (the locks the chain records). */
    private Map<ObjectName, Instant> chainLocks() throws IOException {
        Map<ObjectName, Instant> locks = new HashMap<>();
        for (String name : storage.list(ObjectKind.CHAIN)) {
            ChainLink link;
            try {
                link = ChainLink.decode(storage.get(ObjectName.of(ObjectKind.CHAIN, name)));
            } catch (CorruptDataException e) {
                continue; // verify names it; the storage's own lock records still protect the objects
            }
            if (link.retainUntil() == null) {
                continue;
            }
            locks.merge(manifestObject(link.snapshot()), link.retainUntil(), VaultRepository::later);
            for (PackId p : link.packs()) {
                locks.merge(packObject(p), link.retainUntil(), VaultRepository::later);
            }
        }
        return locks;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The object's lock if it is still in force, by the chain's record or the storage's, else null. */
    private Instant lockedUntil(ObjectName name, Map<ObjectName, Instant> chainLocks, Instant now)
            throws IOException {
        Instant until = chainLocks.get(name);
        Instant stored = storage.exists(name) ? storage.retainedUntil(name).orElse(null) : null;
        if (stored != null && (until == null || stored.isAfter(until))) {
            until = stored;
        }
        return until != null && until.isAfter(now) ? until : null;
    }

    /** The snapshot's retain-until date, if it was locked (a past date means the lock has ended). */
    public java.util.Optional<Instant> retainedUntil(Snapshot snapshot) {
        try {
            // The storage's record, one read; the chain (all links) only when that record is gone.
            Instant stored = storage.retainedUntil(manifestObject(snapshot.id())).orElse(null);
            return java.util.Optional.ofNullable(stored != null ? stored
                    : chainLocks().get(manifestObject(snapshot.id())));
        } catch (IOException e) {
            throw new VaultIoException("cannot read the lock of " + snapshot, e);
        }
    }

    /** SHA-256 (hex) of the snapshot's manifest as stored: what an attestation and the chain link record. */
    public String manifestSha256(Snapshot snapshot) {
        try {
            return HexFormat.of().formatHex(ChainLink.sha256(storage.get(manifestObject(snapshot.id()))));
        } catch (IOException e) {
            throw new VaultIoException("cannot read the manifest of " + snapshot, e);
        }
    }

    /**
     * Deletes a snapshot's manifest (its data goes with the next prune); its chain link stays.
     *
     * @throws RetentionLockedException naming the snapshot and the date while it is locked
     */
    public void deleteSnapshot(Snapshot snapshot) {
        try {
            Instant until = lockedUntil(manifestObject(snapshot.id()), chainLocks(), storage.clock().instant());
            if (until != null) {
                throw new RetentionLockedException(snapshot.info(), snapshot.id().value(), until);
            }
            storage.delete(manifestObject(snapshot.id()));
        } catch (RetentionLockedException e) {
            throw e.snapshot().isPresent() ? e
                    : new RetentionLockedException(snapshot.info(), snapshot.id().value(), e.retainUntil());
        } catch (NoSuchFileException e) {
            throw new VaultIoException("snapshot " + snapshot + " is not in " + storage.location(), e);
        } catch (IOException e) {
            throw new VaultIoException("cannot delete snapshot " + snapshot, e);
        }
    }

    /**
     * Verify's check of the chain and the locks it records: each link parses, sits under its own sequence, records
     * the hash of the link before it and of its manifest, and is signed by the pinned key; every object a link locks
     * until a date still to come exists and carries at least that lock in the storage.
     */
    private final class ChainCheck {

        List<Problem> run(Set<PackId> presentPacks) {
            List<Problem> out = new ArrayList<>();
            try {
                check(presentPacks, out);
            } catch (IOException e) {
                throw new VaultIoException("cannot read the chain of " + storage.location(), e);
            }
            return out;
        }

        private void check(Set<PackId> presentPacks, List<Problem> out) throws IOException {
            SigningPublicKey pinned = pinnedKey(config);
            Instant now = storage.clock().instant();
            byte[] previous = new byte[32];
            long expected = 1;
            Set<SnapshotId> chained = new HashSet<>();
            record Lock(Instant until, long link) {
            }
            Map<ObjectName, Lock> locks = new LinkedHashMap<>();
            for (String name : storage.list(ObjectKind.CHAIN)) {
                byte[] bytes = storage.get(ObjectName.of(ObjectKind.CHAIN, name));
                long sequence = sequenceOf(name);
                if (sequence < 1) {
                    out.add(new Problem.BrokenChainLink(expected, "a file named " + name + " is in chain/"));
                    continue;
                }
                boolean gap = sequence != expected;
                if (gap) {
                    // named once, at the missing link; the link after the gap cannot match a hash we do not have
                    out.add(new Problem.BrokenChainLink(expected, sequence > expected ? "link " + expected
                            + (sequence > expected + 1 ? " to " + (sequence - 1) : "") + " is missing (removed)"
                            : "out of order"));
                }
                expected = sequence + 1;
                byte[] hash = ChainLink.sha256(bytes);
                ChainLink link;
                try {
                    link = ChainLink.decode(bytes);
                } catch (CorruptDataException e) {
                    out.add(new Problem.BrokenChainLink(sequence, "it does not parse: " + e.getMessage()));
                    previous = hash;
                    continue;
                }
                if (link.sequence() != sequence) {
                    out.add(new Problem.BrokenChainLink(sequence, "the file holds link " + link.sequence()
                            + " (links moved or reordered)"));
                } else if (!gap && !java.util.Arrays.equals(link.previous(), previous)) {
                    out.add(new Problem.BrokenChainLink(sequence, "it does not record the hash of link "
                            + (sequence - 1) + " (a link before it was edited, removed or reordered)"));
                }
                previous = hash;
                if (!java.util.Arrays.equals(link.repositoryId(), config.repositoryIdBytes())) {
                    out.add(new Problem.BrokenChainLink(sequence, "it belongs to another repository"));
                }
                if (pinned != null) {
                    if (!link.signed()) {
                        out.add(new Problem.BrokenChainLink(sequence, "it is not signed; the config pins signing key "
                                + pinned.fingerprintHex()));
                    } else if (!java.util.Arrays.equals(link.signer(), pinned.fingerprint())) {
                        out.add(new Problem.BrokenChainLink(sequence, "it is signed by unknown key "
                                + HexFormat.of().formatHex(link.signer()) + ", not the pinned "
                                + pinned.fingerprintHex()));
                    } else if (!signatureVerifies(pinned, link)) {
                        out.add(new Problem.BrokenChainLink(sequence, "its signature does not verify under the "
                                + "pinned key (edited after signing)"));
                    }
                }
                chained.add(link.snapshot());
                ObjectName manifest = manifestObject(link.snapshot());
                if (storage.exists(manifest)) {
                    byte[] stored = ChainLink.sha256(storage.get(manifest));
                    if (!java.util.Arrays.equals(stored, link.manifestSha256())) {
                        out.add(new Problem.BrokenChainLink(sequence, "manifest " + link.snapshot()
                                + " does not have the SHA-256 the link records (edited or replaced)"));
                    }
                }
                if (link.retainUntil() != null && link.retainUntil().isAfter(now)) {
                    Lock lock = new Lock(link.retainUntil(), sequence);
                    locks.merge(manifest, lock, (a, b) -> a.until().isAfter(b.until()) ? a : b);
                    for (PackId p : link.packs()) {
                        locks.merge(packObject(p), lock, (a, b) -> a.until().isAfter(b.until()) ? a : b);
                    }
                }
            }
            for (Map.Entry<ObjectName, Lock> e : locks.entrySet()) {
                ObjectName object = e.getKey();
                Lock lock = e.getValue();
                boolean present = object.kind() == ObjectKind.PACK
                        ? presentPacks.contains(PackId.parse(object.name())) : storage.exists(object);
                if (!present) {
                    out.add(new Problem.MissingLockedObject(object.path(), lock.link(), lock.until()));
                    continue;
                }
                Instant recorded = storage.retainedUntil(object).orElse(null);
                if (recorded == null || recorded.isBefore(lock.until())) {
                    out.add(new Problem.LockNotRecorded(object.path(), lock.until(), recorded == null
                            ? "the storage holds no lock for it" : "the storage locks it only until " + recorded));
                } else if (storage instanceof LocalDirectoryStorage local && !local.isReadOnly(object)) {
                    out.add(new Problem.LockNotRecorded(object.path(), lock.until(),
                            "the file was made writable again"));
                }
            }
            // config and key files are locked as long as the longest snapshot lock: without them nothing restores
            Instant longest = locks.values().stream().map(Lock::until).max(Comparator.naturalOrder()).orElse(null);
            if (longest != null) {
                List<ObjectName> access = new ArrayList<>(List.of(ObjectName.CONFIG));
                storage.list(ObjectKind.KEY).forEach(k -> access.add(ObjectName.of(ObjectKind.KEY, k)));
                for (ObjectName object : access) {
                    Instant recorded = storage.retainedUntil(object).orElse(null);
                    if (recorded == null || recorded.isBefore(longest)) {
                        out.add(new Problem.LockNotRecorded(object.path(), longest, recorded == null
                                ? "the storage holds no lock for it" : "the storage locks it only until " + recorded));
                    }
                }
            }
            for (String name : storage.list(ObjectKind.MANIFEST)) {
                if (SnapshotId.isValid(name) && !chained.contains(new SnapshotId(name))) {
                    out.add(new Problem.UnchainedManifest(name));
                }
            }
        }

        private boolean signatureVerifies(SigningPublicKey pinned, ChainLink link) {
            try {
                return pinned.verifies(ChainLink.SIGNING_CONTEXT, link.signedBytes(),
                        VaultSignature.decode(link.signature()));
            } catch (SignatureRefusedException e) {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- keys

    private static final java.util.regex.Pattern KEY_NAME = java.util.regex.Pattern.compile("[0-9a-f]{16}");

    /**
     * The repository's key files, by id. Each wraps the same data key for one {@link KeyWrapping}; damaged or
     * foreign files under {@code keys/} are left out (they open nothing).
     */
    public List<KeyInfo> keys() {
        List<KeyInfo> out = new ArrayList<>();
        List<String> names;
        try {
            names = storage.list(ObjectKind.KEY);
        } catch (IOException e) {
            throw new VaultIoException("cannot list the key files of " + storage.location(), e);
        }
        for (String name : names) {
            if (!KEY_NAME.matcher(name).matches()) {
                continue;
            }
            try {
                out.add(new KeyInfo(name, KeyFile.decode(storage.get(ObjectName.of(ObjectKind.KEY, name)))
                        .algorithm(), name.equals(openedKeyId)));
            } catch (CorruptDataException e) {
                // a damaged key file is no way in; removeKey can still delete it by id
            } catch (IOException e) {
                throw new VaultIoException("cannot read key file " + name + " of " + storage.location(), e);
            }
        }
        return out;
    }

    /**
     * Adds a key file that wraps this repository's data key for {@code wrapping} (a new key-encryption key, a
     * custodian escrow): nothing else changes, no pack is rewritten. The new file is checked to unwrap before it is
     * written, since a key file that does not open would be trusted as a way back in.
     *
     * @return the new key file
     */
    public KeyInfo addKey(KeyWrapping wrapping) {
        String algorithm = wrapping.algorithm();
        if (algorithm == null || algorithm.isEmpty() || algorithm.length() > 255
                || !algorithm.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a wrapping algorithm is 1 to 255 printable ASCII characters, not '"
                    + algorithm + "'");
        }
        byte[] context = keyContext(config);
        byte[] wrapped = keys.wrapDataKey(wrapping, context);
        byte[] back;
        try {
            back = wrapping.unwrap(wrapped, context);
        } catch (WrongKeyException e) {
            throw new IllegalArgumentException("the " + algorithm + " wrapping cannot unwrap the key it just "
                    + "wrapped (" + e.getMessage() + "); no key file was written", e);
        }
        boolean same = keys.isDataKey(back);
        java.util.Arrays.fill(back, (byte) 0);
        if (!same) {
            throw new IllegalArgumentException("the " + algorithm + " wrapping unwraps another key than it wrapped; "
                    + "no key file was written");
        }
        String id = randomName(8);
        // A new way in is locked like the key files made at init: for the repository's retention lock from now
        // (backups extend it to their snapshots' locks), so it cannot be deleted while locked snapshots need it.
        Instant lockUntil = config.retentionLock() == null ? null
                : retainUntil(storage.clock().instant(), config.retentionLock());
        try {
            storage.put(ObjectName.of(ObjectKind.KEY, id), new KeyFile(algorithm, wrapped).encode(), lockUntil);
        } catch (IOException e) {
            throw new VaultIoException("cannot write key file " + id + " of " + storage.location(), e);
        }
        return new KeyInfo(id, algorithm, false);
    }

    /**
     * Deletes one key file, so its wrapping (an old key-encryption key, a retired escrow) no longer opens the
     * repository. Refused when no other readable key file would remain: nobody could open the repository again.
     * The data key stays the same: whoever kept a copy of the removed file and its key can still unwrap that copy
     * (ADR 018).
     *
     * @throws IllegalArgumentException for an id that is not a key file of this repository
     * @throws IllegalStateException when it is the last readable key file
     */
    public void removeKey(String keyId) {
        if (keyId == null || !KEY_NAME.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a key file id is 16 lowercase hex digits, not '" + keyId + "'");
        }
        ObjectName file = ObjectName.of(ObjectKind.KEY, keyId);
        List<KeyInfo> all = keys();
        boolean exists;
        try {
            exists = storage.exists(file);
        } catch (IOException e) {
            throw new VaultIoException("cannot read the key files of " + storage.location(), e);
        }
        if (!exists) {
            throw new IllegalArgumentException(storage.location() + " has no key file " + keyId + " (its key files: "
                    + String.join(", ", all.stream().map(k -> k.id() + " " + k.algorithm()).toList()) + ")");
        }
        List<KeyInfo> others = all.stream().filter(k -> !k.id().equals(keyId)).toList();
        if (others.isEmpty()) {
            throw new IllegalStateException("key file " + keyId + " is the last readable key file of " + storage.location()
                    + ": add another with addKey before removing it, or nobody can open the repository again");
        }
        try {
            storage.delete(file);
        } catch (IOException e) {
            throw new VaultIoException("cannot delete key file " + keyId + " of " + storage.location(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- files

    private static ObjectName packObject(PackId pack) {
        return ObjectName.of(ObjectKind.PACK, pack.hex());
    }

    private static ObjectName manifestObject(SnapshotId id) {
        return ObjectName.of(ObjectKind.MANIFEST, id.value());
    }

    private boolean existsOrFail(ObjectName name) {
        try {
            return storage.exists(name);
        } catch (IOException e) {
            throw new VaultIoException("cannot read " + name + " of " + storage.location(), e);
        }
    }

    private int maxChunk() {
        return config.parameters().chunking().max();
    }

    private PackHeader readHeader(PackId pack) throws IOException {
        try (FileChannel ch = storage.openForReading(packObject(pack))) {
            return readHeader(ch, pack);
        }
    }

    private PackHeader readHeader(FileChannel ch, PackId pack) throws IOException {
        long size = ch.size();
        if (size < PackHeader.FILE_MAGIC.length + PackHeader.TRAILER_BYTES) {
            throw new TruncatedDataException("pack of " + size + " bytes is too short for magic and trailer");
        }
        int length = PackHeader.headerLength(readBlob(ch, size - PackHeader.TRAILER_BYTES, PackHeader.TRAILER_BYTES),
                size);
        long start = size - PackHeader.TRAILER_BYTES - length;
        return PackHeader.decode(keys, pack, readBlob(ch, start, length), start);
    }

    /** Exactly {@code length} bytes at {@code offset} into {@code into}, or {@link TruncatedDataException}. */
    private static void readFully(FileChannel ch, long offset, byte[] into, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into, 0, length);
        long at = offset;
        while (b.hasRemaining()) {
            int n = ch.read(b, at);
            if (n < 0) {
                throw new TruncatedDataException("the file ends at " + at + ", before " + (offset + length));
            }
            at += n;
        }
    }

    /** Exactly {@code length} bytes at {@code offset}, or {@link TruncatedDataException} if the file ends first. */
    private static byte[] readBlob(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        long at = offset;
        while (b.hasRemaining()) {
            int n = ch.read(b, at);
            if (n < 0) {
                throw new TruncatedDataException("the file ends at " + at + ", before " + (offset + length));
            }
            at += n;
        }
        return b.array();
    }

    private List<PackId> packFiles() throws IOException {
        List<PackId> out = new ArrayList<>();
        for (String name : storage.list(ObjectKind.PACK)) {
            if (PACK_NAME.matcher(name).matches()) {
                out.add(PackId.parse(name));
            }
        }
        return out;
    }

    private List<PackId> packFilesOrFail() {
        try {
            return packFiles();
        } catch (IOException e) {
            throw new VaultIoException("cannot list the packs of " + storage.location(), e);
        }
    }

    /** Objects of a kind without temporary files, sorted by name. */
    private List<String> listOrFail(ObjectKind kind) {
        try {
            return storage.list(kind);
        } catch (IOException e) {
            throw new VaultIoException("cannot list " + kind.folder() + " of " + storage.location(), e);
        }
    }

    private static String randomName(int bytes) {
        byte[] b = new byte[bytes];
        RepositoryKeys.random().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
