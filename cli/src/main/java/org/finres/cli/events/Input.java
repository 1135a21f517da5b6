package org.finres.cli.events;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One source of event records. Its bytes are always the decoded ones (after gunzip or unzip): offsets in the state
 * file count those, so a resumed run can skip to the same place whatever the file's compression.
 */
sealed interface Input {

    /** Names the input in messages and, for files, in the state file; stdin is "-". */
    String key();

    InputStream open() throws IOException;

    /** Decoded size in bytes when known without reading the input (plain files), else -1. */
    long knownSize();

    /** A plain or gzip'd file. */
    record FileInput(Path path) implements Input {
        @Override
        public String key() {
            return path.toAbsolutePath().normalize().toString();
        }

        @Override
        public InputStream open() throws IOException {
            InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            return gzipped(path.toString()) ? new GZIPInputStream(in, 1 << 16) : in;
        }

        @Override
        public long knownSize() {
            try {
                return gzipped(path.toString()) ? -1 : Files.size(path);
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /** One entry of a zip archive; a gzip'd entry is decompressed as well. */
    record ZipEntryInput(Path zip, String entry) implements Input {
        @Override
        public String key() {
            return zip.toAbsolutePath().normalize() + "!" + entry;
        }

        @Override
        public InputStream open() throws IOException {
            ZipFile file = new ZipFile(zip.toFile());
            ZipEntry found = file.getEntry(entry);
            if (found == null) {
                file.close();
                throw new IOException(zip + " has no entry " + entry);
            }
            // Closing the entry's stream must close the archive too, or every entry leaks a file handle.
            InputStream in = new FilterInputStream(new BufferedInputStream(file.getInputStream(found), 1 << 16)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        file.close();
                    }
                }
            };
            return gzipped(entry) ? new GZIPInputStream(in, 1 << 16) : in;
        }

        @Override
        public long knownSize() {
            return -1;
        }
    }

    /** Standard input: read once, never resumed. */
    record StdinInput(InputStream stdin) implements Input {
        @Override
        public String key() {
            return "-";
        }

        @Override
        public InputStream open() {
            // The command does not own stdin: closing what it reads must not close the process's stream.
            return new FilterInputStream(new BufferedInputStream(stdin, 1 << 16)) {
                @Override
                public void close() {
                }
            };
        }

        @Override
        public long knownSize() {
            return -1;
        }
    }

    /**
     * The inputs the arguments name, in a stable order: files as given, folders walked recursively with their files
     * sorted by path, zip archives expanded into their entries sorted by name; "-" is stdin.
     */
    static List<Input> of(List<String> arguments, InputStream stdin) {
        List<Input> inputs = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("-")) {
                inputs.add(new StdinInput(stdin));
                continue;
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    // Hidden files are editor backups, VCS data and our own state file, never events.
                    for (Path file : files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                        addFile(file, inputs);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(path)) {
                addFile(path, inputs);
            } else {
                throw new IllegalArgumentException("no such file or folder: " + argument);
            }
        }
        return inputs;
    }

    private static void addFile(Path file, List<Input> inputs) {
        if (!file.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            inputs.add(new FileInput(file));
            return;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
            Collections.sort(names);
            names.forEach(name -> inputs.add(new ZipEntryInput(file, name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the zip archive " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean gzipped(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
