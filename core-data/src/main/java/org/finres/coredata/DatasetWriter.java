package org.finres.coredata;

import tools.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a standard dataset into a hidden staging folder beside the target, then {@link #seal()} completes it
 * (dataset.json last, everything forced to disk) and {@link #publish()} renames it into place in one atomic move.
 * Closing a writer that was not published deletes the staging folder, so a failed or interrupted import never
 * leaves something that looks like a dataset.
 */
public final class DatasetWriter implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private final String institution;
    private final LocalDate businessDate;
    private final Map<Entity, Output> outputs = new EnumMap<>(Entity.class);
    private final ControlTotals.Tally tally = new ControlTotals.Tally();
    private final TreeSet<CurrencyCode> currencies = new TreeSet<>();
    private final SourceMap sources = new SourceMap();
    private DatasetManifest manifest;
    private boolean published;

    private DatasetWriter(Path target, String institution, LocalDate businessDate) {
        this.target = target.toAbsolutePath().normalize();
        this.institution = Fields.id(institution, "institution");
        this.businessDate = Fields.required(businessDate, "business date");
        if (Files.exists(this.target)) {
            throw new DatasetStorageException("the dataset folder " + this.target + " already exists (datasets are "
                    + "never overwritten; choose a new folder)", null);
        }
        Path parent = this.target.getParent();
        try {
            Files.createDirectories(parent);
            this.staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".partial-");
            for (Entity e : Entity.values()) {
                outputs.put(e, new Output(staging.resolve(e.datasetFile())));
            }
        } catch (IOException e) {
            deleteStaging();
            throw new DatasetStorageException("cannot create a staging folder beside " + this.target, e);
        }
    }

    /** Starts a dataset that will be published at {@code target}, which must not exist yet. */
    public static DatasetWriter create(Path target, String institution, LocalDate businessDate) {
        return new DatasetWriter(target, institution, businessDate);
    }

    public LocalDate businessDate() {
        return businessDate;
    }

    public String institution() {
        return institution;
    }

    /** Appends a record to its file. Records of the four kinds may come in any order. */
    public void write(CoreRecord record) {
        write(record, null, 0);
    }

    /** As {@link #write(CoreRecord)}, remembering the source file and line the record came from. */
    void write(CoreRecord record, String sourceFile, long sourceLine) {
        if (manifest != null) {
            throw new IllegalStateException("the dataset is sealed");
        }
        Output out = outputs.get(record.entity());
        switch (record) {
            case Customer c -> { }
            case Account a -> {
                currencies.add(a.currency());
                tally.touch(a.currency());
            }
            case Balance b -> {
                currencies.add(b.currency());
                tally.add(b);
            }
            case Transaction t -> {
                currencies.add(t.currency());
                tally.add(t);
            }
        }
        try {
            RecordJson.write(record, out.json);
        } catch (RuntimeException e) {
            throw new DatasetStorageException("cannot write " + record.entity().datasetFile() + " in " + staging,
                    e.getCause() instanceof IOException io ? io : new IOException(e));
        }
        out.records++;
        if (sourceFile != null) {
            sources.put(record.entity(), out.records, sourceFile, sourceLine);
        }
    }

    /** Records written so far, by {@link Entity#key()}. */
    public Map<String, Long> recordCounts() {
        Map<String, Long> counts = new TreeMap<>();
        outputs.forEach((e, o) -> counts.put(e.key(), o.records));
        return counts;
    }

    /** Closes the record files and writes dataset.json; the dataset is complete but not yet in place. */
    public DatasetManifest seal() {
        if (manifest != null) {
            return manifest;
        }
        Map<String, DatasetManifest.FileDigest> files = new TreeMap<>();
        try {
            for (Map.Entry<Entity, Output> e : outputs.entrySet()) {
                Output o = e.getValue();
                o.json.close();
                files.put(e.getKey().datasetFile(), new DatasetManifest.FileDigest(
                        HexFormat.of().formatHex(o.digest.digest()), Files.size(o.file)));
                force(o.file);
            }
            DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT, DatasetManifest.VERSION, institution,
                    businessDate, new ArrayList<>(currencies), recordCounts(), tally.totals().asMap(), files);
            Path manifestFile = staging.resolve(DatasetManifest.FILE);
            Files.writeString(manifestFile, m.toJson(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            force(manifestFile);
            manifest = m;
            return m;
        } catch (IOException e) {
            throw new DatasetStorageException("cannot complete the dataset in " + staging, e);
        }
    }

    /** The folder the dataset is being written in (sealed datasets can be validated there before publishing). */
    public Path stagingFolder() {
        return staging;
    }

    /** Where records came from, for discrepancies found before publishing. */
    SourceMap sources() {
        return sources;
    }

    /** Seals if needed and moves the dataset into place atomically; returns the dataset folder. */
    public Path publish() {
        seal();
        try {
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new DatasetStorageException("the file system of " + target + " cannot rename atomically", e);
            }
            force(target.getParent());
            published = true;
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new DatasetStorageException("the dataset folder " + target + " appeared while importing", e);
        } catch (IOException e) {
            throw new DatasetStorageException("cannot move the dataset into " + target, e);
        }
    }

    /** Deletes the staging folder unless the dataset was published. */
    @Override
    public void close() {
        if (!published) {
            for (Output o : outputs.values()) {
                try {
                    o.json.close();
                } catch (RuntimeException ignored) {
                    // the folder is deleted next; a close failure changes nothing
                }
            }
            deleteStaging();
        }
    }

    private void deleteStaging() {
        if (staging == null || !Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new DatasetStorageException("cannot delete the unfinished dataset " + staging, e);
        }
    }

    private static void force(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // Some file systems cannot open a directory for fsync; the files themselves are forced.
            }
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static final class Output {
        final Path file;
        final MessageDigest digest;
        final JsonGenerator json;
        long records;

        Output(Path file) throws IOException {
            this.file = file;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
            OutputStream os = new DigestOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16),
                    digest);
            this.json = RecordJson.MAPPER.createGenerator(os);
        }
    }

    /** Record number (1-based, = line in the dataset file) to source location, kept compactly. */
    static final class SourceMap {
        private final Map<Entity, long[]> lines = new EnumMap<>(Entity.class);
        private final Map<String, Integer> fileIndex = new TreeMap<>();
        private final List<String> fileNames = new ArrayList<>();

        void put(Entity entity, long record, String file, long line) {
            int index = fileIndex.computeIfAbsent(file, f -> {
                fileNames.add(f);
                return fileNames.size() - 1;
            });
            long[] a = lines.computeIfAbsent(entity, e -> new long[1024]);
            if (record >= a.length) {
                a = java.util.Arrays.copyOf(a, (int) Math.max(record + 1, a.length * 2L));
                lines.put(entity, a);
            }
            // file index in the high 24 bits, line in the low 40; record 0 is unused so 0 means "unknown".
            a[(int) record] = ((long) (index + 1) << 40) | line;
        }

        /** "balances.csv line 17", or "" when unknown. */
        String locate(Entity entity, long record) {
            long[] a = lines.get(entity);
            if (a == null || record <= 0 || record >= a.length || a[(int) record] == 0) {
                return "";
            }
            long v = a[(int) record];
            String file = fileNames.get((int) (v >>> 40) - 1);
            long line = v & ((1L << 40) - 1);
            return line == 0 ? file : file + " line " + line;
        }
    }
}
