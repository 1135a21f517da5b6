package org.finres.vault.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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

    private final Path root;
    private final RepositoryConfig config;
    private final RepositoryKeys keys;
    private final ContentDefinedChunker chunker;
    private final int threads;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private ChunkIndex index;
    /** Packs found at open with a sound header but in no index file: written into an index by the next backup. */
    private final List<PackHeader> adoptedPacks = new ArrayList<>();

    private VaultRepository(Path root, RepositoryConfig config, RepositoryKeys keys, int threads,
            FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.config = config;
        this.keys = keys;
        this.chunker = new ContentDefinedChunker(config.parameters().chunking());
        this.threads = threads;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    // ---------------------------------------------------------------------------------------------- init / open

    /** Makes a new repository in an empty or absent folder, with a fresh data key wrapped by {@code wrapping}. */
    public static VaultRepository init(Path root, KeyWrapping wrapping, RepositoryParameters parameters) {
        try {
            if (Files.exists(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    if (s.findAny().isPresent()) {
                        throw new VaultIoException("cannot make a repository in " + root + ": folder is not empty",
                                null);
                    }
                }
            }
            for (String dir : new String[] {"keys", "packs", "index", "snapshots"}) {
                Files.createDirectories(root.resolve(dir));
            }
            byte[] dataKey = RepositoryKeys.newDataKey();
            byte[] id = new byte[16];
            RepositoryKeys.random().nextBytes(id);
            RepositoryConfig config = new RepositoryConfig(RepositoryConfig.FORMAT_VERSION,
                    HexFormat.of().formatHex(id), parameters);
            RepositoryKeys keys = RepositoryKeys.of(dataKey);
            byte[] wrapped = wrapping.wrap(dataKey, keyContext(config));
            DurableFiles.write(root.resolve("keys").resolve(randomName(8)),
                    new KeyFile(wrapping.algorithm(), wrapped).encode());
            DurableFiles.write(root.resolve("config"), config.text(keys).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VaultIoException("cannot make a repository in " + root, e);
        }
        return open(root, wrapping);
    }

    public static VaultRepository open(Path root, KeyWrapping wrapping) {
        return open(root, wrapping, Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Opens a repository: reads the config, unwraps the data key, loads the index. A damaged index file does not
     * stop it (its packs are adopted from their headers; {@link #verify} names the file).
     *
     * @param threads workers for compression, encryption, restore and verify (2 to 4 is the intended range)
     */
    public static VaultRepository open(Path root, KeyWrapping wrapping, int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1 to 64: " + threads);
        }
        String text;
        try {
            text = Files.readString(root.resolve("config"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnsupportedRepositoryException(root + " is not a vault repository (no config)");
        } catch (IOException e) {
            throw new VaultIoException("cannot read " + root.resolve("config"), e);
        }
        RepositoryConfig config;
        try {
            config = RepositoryConfig.parse(text);
        } catch (UnsupportedVersionException e) {
            throw new UnsupportedRepositoryException(root + ": " + e.getMessage());
        } catch (CorruptDataException e) {
            throw new DamagedRepositoryException(new Problem.DamagedConfig(e.getMessage()), e);
        }
        RepositoryKeys keys = RepositoryKeys.of(unwrapDataKey(root, config, wrapping));
        if (!RepositoryConfig.checkMac(keys, text)) {
            throw new DamagedRepositoryException(new Problem.DamagedConfig("its mac does not match (edited?)"));
        }
        FileChannel lockChannel = null;
        try {
            lockChannel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new VaultIoException("repository " + root + " is in use (locked by another process or "
                        + "an open VaultRepository)", null);
            }
            VaultRepository repository = new VaultRepository(root, config, keys, threads, lockChannel, lock);
            repository.loadIndex();
            return repository;
        } catch (IOException e) {
            try {
                if (lockChannel != null) {
                    lockChannel.close();
                }
            } catch (IOException ignored) {
                // already failing
            }
            throw new VaultIoException("cannot open repository " + root, e);
        }
    }

    private static byte[] keyContext(RepositoryConfig config) {
        return config.repositoryIdBytes();
    }

    private static byte[] unwrapDataKey(Path root, RepositoryConfig config, KeyWrapping wrapping) {
        List<Path> keyFiles;
        try (Stream<Path> s = Files.list(root.resolve("keys"))) {
            keyFiles = s.filter(p -> !p.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new VaultIoException("cannot list " + root.resolve("keys"), e);
        }
        int tried = 0;
        for (Path p : keyFiles) {
            try {
                KeyFile file = KeyFile.decode(Files.readAllBytes(p));
                if (!file.algorithm().equals(wrapping.algorithm())) {
                    continue;
                }
                tried++;
                byte[] key = wrapping.unwrap(file.wrapped(), keyContext(config));
                if (key.length == RepositoryKeys.DATA_KEY_BYTES) {
                    return key;
                }
            } catch (WrongKeyException | CorruptDataException e) {
                // try the next key file; the summary below says what was tried
            } catch (IOException e) {
                throw new VaultIoException("cannot read key file " + p, e);
            }
        }
        throw new WrongKeyException("the key does not unwrap any of the " + tried + " " + wrapping.algorithm()
                + " key file(s) of " + root + " (wrong key, or damaged key files)");
    }

    private void loadIndex() throws IOException {
        ChunkIndex loaded = new ChunkIndex();
        Set<PackId> indexed = new HashSet<>();
        for (Path file : list(root.resolve("index"))) {
            try {
                IndexFile f = IndexFile.decode(keys, file.getFileName().toString(), Files.readAllBytes(file));
                for (PackHeader p : f.packs()) {
                    indexed.add(p.pack());
                    p.entries().forEach(e -> loaded.put(e.chunk(), new BlobLocation(p.pack(), e.offset(), e.length())));
                }
            } catch (CorruptDataException e) {
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
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new VaultIoException("cannot release the repository lock", e);
        }
    }

    public Path root() {
        return root;
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
        for (Path file : listOrFail(root.resolve("snapshots"))) {
            String name = file.getFileName().toString();
            if (!SnapshotId.isValid(name)) {
                continue;
            }
            SnapshotId id = new SnapshotId(name);
            try {
                Manifest m = Manifest.decode(keys, name, Files.readAllBytes(file));
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
        SnapshotId id = keys.snapshotId(info);
        Path manifestPath = root.resolve("snapshots").resolve(id.value());
        if (Files.exists(manifestPath)) {
            throw new SnapshotExistsException(info);
        }
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
            try {
                DurableFiles.write(manifestPath, manifest.encode(keys, id.value()));
            } catch (FileAlreadyExistsException e) {
                throw new SnapshotExistsException(info);
            }
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
                    current = new PackWriter(keys, root.resolve("packs"), PackId.random(RepositoryKeys.random()));
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
        DurableFiles.write(root.resolve("index").resolve(name), new IndexFile(packs).encode(keys, name));
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
        long total = manifest.bytes();
        SerialProgress progress = new SerialProgress(listener);
        AtomicLong written = new AtomicLong();
        AtomicInteger filesDone = new AtomicInteger();
        ConcurrentLinkedQueue<Path> temps = new ConcurrentLinkedQueue<>();
        PackChannels packs = new PackChannels();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vault-restore");
            t.setDaemon(true);
            return t;
        });
        ExecutorService forcer = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vault-restore-force");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> done = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                Manifest.FileEntry f = manifest.files().get(i);
                Path out = outputs.get(i);
                // A file is forced to disk on another thread, so the worker goes on decrypting the next one
                // meanwhile; nothing is renamed into place before every file is written, checked and forced.
                done.add(CompletableFuture.supplyAsync(() -> {
                    Path temp = restoreFile(snapshot, f, out, packs, temps, bytes -> progress.report(
                            new Progress.Restore(written.addAndGet(bytes), total, filesDone.get(), outputs.size())));
                    progress.report(new Progress.Restore(written.get(), total, filesDone.incrementAndGet(),
                            outputs.size()));
                    return temp;
                }, pool).thenApplyAsync(temp -> force(snapshot, f, temp), forcer));
            }
            List<Path> restored = new ArrayList<>();
            RestoreFailedException failure = null;
            for (Future<Path> f : done) {
                try {
                    restored.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RestoreFailedException r ? r
                                : new RestoreFailedException(snapshot, null, null, null, -1,
                                        "unexpected failure: " + e.getCause(), e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            for (int i = 0; i < restored.size(); i++) {
                try {
                    Files.move(restored.get(i), outputs.get(i), StandardCopyOption.ATOMIC_MOVE);
                    temps.remove(restored.get(i));
                } catch (IOException e) {
                    throw new RestoreFailedException(snapshot, manifest.files().get(i).path(), null, null, -1,
                            "cannot rename into place: " + e, e);
                }
            }
            outputs.stream().map(Path::getParent).distinct().forEach(DurableFiles::forceDirectory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestoreFailedException(snapshot, null, null, null, -1, "interrupted", e);
        } finally {
            pool.shutdownNow();
            forcer.shutdownNow();
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

    private Path restoreFile(Snapshot snapshot, Manifest.FileEntry f, Path out, PackChannels packs,
            ConcurrentLinkedQueue<Path> temps, java.util.function.LongConsumer progress) {
        Path temp = out.resolveSibling("." + out.getFileName() + ".finres-restore" + DurableFiles.TEMP_SUFFIX);
        MessageDigest sha = sha256();
        long size = 0;
        try {
            Files.createDirectories(out.getParent());
            temps.add(temp);
            try (OutputStream o = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (ChunkId c : f.chunks()) {
                    BlobLocation loc = index.get(c);
                    if (loc == null) {
                        throw new RestoreFailedException(snapshot, f.path(), c, null, -1,
                                "the chunk is in no index file and no pack header", null);
                    }
                    byte[] plain;
                    try {
                        byte[] sealed = readBlob(packs.get(loc.pack()), loc.offset(), loc.length());
                        plain = BlobCodec.open(keys, c, sealed, 0, sealed.length, maxChunk());
                    } catch (NoSuchFileException e) {
                        throw new RestoreFailedException(snapshot, f.path(), c, loc.pack(), loc.offset(),
                                "the pack file is missing", e);
                    } catch (TruncatedDataException e) {
                        throw new RestoreFailedException(snapshot, f.path(), c, loc.pack(), loc.offset(),
                                "the pack ends before this blob (truncated)", e);
                    } catch (CorruptDataException e) {
                        throw new RestoreFailedException(snapshot, f.path(), c, loc.pack(), loc.offset(),
                                "the blob is damaged: " + e.getMessage(), e);
                    }
                    o.write(plain);
                    sha.update(plain);
                    size += plain.length;
                    progress.accept(plain.length);
                }
            }
        } catch (IOException e) {
            throw new RestoreFailedException(snapshot, f.path(), null, null, -1, "cannot write " + temp + ": " + e,
                    e);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (size != f.size() || !digest.equals(f.sha256())) {
            throw new RestoreFailedException(snapshot, f.path(), null, null, -1, "restored " + size
                    + " bytes with SHA-256 " + digest + ", the manifest says " + f.size() + " bytes " + f.sha256(),
                    null);
        }
        return temp;
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
                        ch = FileChannel.open(packPath(pack), StandardOpenOption.READ);
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

    /** Serialises listener calls from worker threads (the listener contract promises one call at a time). */
    private record SerialProgress(ProgressListener listener) {
        synchronized void report(Progress p) {
            synchronized (listener) {
                listener.report(p);
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
        for (Path file : listOrFail(root.resolve("index"))) {
            String name = file.getFileName().toString();
            try {
                for (PackHeader p : IndexFile.decode(keys, name, Files.readAllBytes(file)).packs()) {
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
        int temporary = 0;
        for (String dir : new String[] {"packs", "index", "snapshots", "keys"}) {
            temporary += (int) listAll(root.resolve(dir)).stream()
                    .filter(p -> p.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX)).count();
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
        try (FileChannel ch = FileChannel.open(packPath(pack), StandardOpenOption.READ)) {
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
            for (PackEntry e : entries) {
                blobs++;
                try {
                    byte[] sealed = readBlob(ch, e.offset(), e.length());
                    bytes += sealed.length;
                    BlobCodec.open(keys, e.chunk(), sealed, 0, sealed.length, maxChunk());
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
        Set<SnapshotId> keep = kept(readable.stream().map(ManifestRead.Read::snapshot).toList(), policy);
        List<Snapshot> removed = new ArrayList<>();
        ChunkIndex live = new ChunkIndex();
        try {
            for (ManifestRead.Read r : readable) {
                if (keep.contains(r.snapshot().id())) {
                    r.manifest().files().forEach(f -> f.chunks().forEach(c -> live.put(c, index.get(c) == null
                            ? new BlobLocation(new PackId(0, 0, 0, 0), 0, 0) : index.get(c))));
                } else {
                    Files.delete(root.resolve("snapshots").resolve(r.snapshot().id().value()));
                    removed.add(r.snapshot());
                    listener.report(new Progress.Prune("snapshots", removed.size(), readable.size() - keep.size()));
                }
            }
            DurableFiles.forceDirectory(root.resolve("snapshots"));

            // Every pack the index files and the adopted headers know, with all entries (duplicates included).
            Map<PackId, PackHeader> known = new LinkedHashMap<>();
            List<Path> oldIndexFiles = list(root.resolve("index"));
            for (Path file : oldIndexFiles) {
                try {
                    IndexFile.decode(keys, file.getFileName().toString(), Files.readAllBytes(file)).packs()
                            .forEach(p -> known.merge(p.pack(), p, VaultRepository::union));
                } catch (CorruptDataException e) {
                    // its packs were adopted from their headers at open
                }
            }
            adoptedPacks.forEach(p -> known.merge(p.pack(), p, VaultRepository::union));

            List<PackHeader> keptPacks = new ArrayList<>();
            List<PackId> drop = new ArrayList<>();
            List<PackHeader> repack = new ArrayList<>();
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
                if (!present.contains(p.pack())) {
                    keptPacks.add(p); // missing: keep naming it so verify keeps reporting it
                } else if (liveBytes == 0) {
                    drop.add(p.pack());
                } else if (deadBytes >= REPACK_DEAD_SHARE * (liveBytes + deadBytes)) {
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
                    try (FileChannel ch = FileChannel.open(packPath(p.pack()), StandardOpenOption.READ)) {
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
                                writer = new PackWriter(keys, root.resolve("packs"),
                                        PackId.random(RepositoryKeys.random()));
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
                for (Path f : oldIndexFiles) {
                    Files.deleteIfExists(f);
                }
                DurableFiles.forceDirectory(root.resolve("index"));
                List<PackId> deleted = new ArrayList<>(drop);
                repack.forEach(p -> deleted.add(p.pack()));
                done = 0;
                for (PackId p : deleted) {
                    Path path = packPath(p);
                    freed += Files.size(path);
                    Files.delete(path);
                    listener.report(new Progress.Prune("delete", ++done, deleted.size()));
                }
                DurableFiles.forceDirectory(root.resolve("packs"));
                for (PackHeader p : newPacks) {
                    freed -= Files.size(packPath(p.pack()));
                }
            }
            for (String dir : new String[] {"packs", "index", "snapshots", "keys"}) {
                for (Path p : listAll(root.resolve(dir))) {
                    if (p.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            loadIndex();
            return new PruneResult(removed, drop.size(), repack.size(), Math.max(0, freed));
        } catch (IOException e) {
            throw new VaultIoException("prune of " + root + " failed", e);
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

    // ---------------------------------------------------------------------------------------------- files

    private Path packPath(PackId pack) {
        return root.resolve("packs").resolve(pack.hex());
    }

    private int maxChunk() {
        return config.parameters().chunking().max();
    }

    private PackHeader readHeader(PackId pack) throws IOException {
        try (FileChannel ch = FileChannel.open(packPath(pack), StandardOpenOption.READ)) {
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
        for (Path p : list(root.resolve("packs"))) {
            String name = p.getFileName().toString();
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
            throw new VaultIoException("cannot list " + root.resolve("packs"), e);
        }
    }

    /** Files of a repository folder without temporary files, sorted by name. */
    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX)).sorted().toList();
        }
    }

    private static List<Path> listOrFail(Path dir) {
        try {
            return list(dir);
        } catch (IOException e) {
            throw new VaultIoException("cannot list " + dir, e);
        }
    }

    private static List<Path> listAll(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new VaultIoException("cannot list " + dir, e);
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
