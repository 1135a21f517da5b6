package org.finres.coredata;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a standard dataset folder: its manifest, and its records one file at a time in file order. */
public final class DatasetReader {

    /** Receives each record with its 1-based line in the dataset file. */
    @FunctionalInterface
    public interface RecordVisitor {
        void record(long line, CoreRecord record);
    }

    private DatasetReader() {
    }

    /** Reads {@code dataset.json}; MalformedInputException when it is missing or not a valid manifest. */
    public static DatasetManifest manifest(Path dataset) {
        Path file = dataset.resolve(DatasetManifest.FILE);
        String json;
        try {
            if (Files.size(file) > 16L << 20) {
                throw new MalformedInputException(file.toString(), "", "dataset.json is larger than 16 MiB");
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MalformedInputException(file.toString(), "", "there is no dataset.json: " + dataset
                    + " is not a standard dataset (or was never completed)");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new MalformedInputException(file.toString(), "", "dataset.json is not UTF-8");
        } catch (IOException e) {
            throw new DatasetStorageException("cannot read " + file, e);
        }
        try {
            return DatasetManifest.parse(json);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(file.toString(), "", e.getMessage());
        }
    }

    /** Every record of one kind, in order; MalformedInputException at the first malformed line. */
    public static void forEach(Path dataset, Entity entity, RecordVisitor visitor) {
        read(dataset, entity, visitor, false);
    }

    /** As {@link #forEach}, skipping malformed lines (the validator reports them where it matters). */
    static void forEachLenient(Path dataset, Entity entity, RecordVisitor visitor) {
        read(dataset, entity, visitor, true);
    }

    private static void read(Path dataset, Entity entity, RecordVisitor visitor, boolean lenient) {
        Path path = dataset.resolve(entity.datasetFile());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
             LineReader lines = new LineReader(in)) {
            while (true) {
                String text;
                try {
                    text = lines.next();
                } catch (IOException e) {
                    if (lenient) {
                        return;
                    }
                    throw new MalformedInputException(path.toString(), "line " + lines.lineNumber(), e.getMessage());
                }
                if (text == null) {
                    return;
                }
                CoreRecord record;
                try {
                    record = RecordJson.read(entity, text);
                } catch (IllegalArgumentException e) {
                    if (lenient) {
                        continue;
                    }
                    throw new MalformedInputException(path.toString(), "line " + lines.lineNumber(), e.getMessage());
                }
                visitor.record(lines.lineNumber(), record);
            }
        } catch (NoSuchFileException e) {
            if (!lenient) {
                throw new MalformedInputException(path.toString(), "", "the file is missing");
            }
        } catch (IOException e) {
            throw new DatasetStorageException("cannot read " + path, e);
        }
    }
}
