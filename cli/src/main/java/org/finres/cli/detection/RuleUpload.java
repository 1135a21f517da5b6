package org.finres.cli.detection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What one path given to {@code finres rules import} becomes on the wire: a file as YAML, a folder as one zip of
 * every {@code .yml}/{@code .yaml} below it.
 *
 * @param path        the path as the user gave it
 * @param name        the file's name the hub uses in its problems (for a folder, entry names do that)
 * @param body        the request body
 * @param contentType {@code application/yaml} or {@code application/zip}
 * @param files       how many rule files the body holds
 */
record RuleUpload(Path path, String name, byte[] body, String contentType, int files) {

    /** Thrown when a folder holds no rule file: sending an empty zip would only earn a 400 from the hub. */
    static final class NoRuleFiles extends RuntimeException {
        NoRuleFiles(Path folder) {
            super("no .yml or .yaml file under " + folder);
        }
    }

    static RuleUpload of(Path path) {
        try {
            if (!Files.isDirectory(path)) {
                return new RuleUpload(path, path.toString(), Files.readAllBytes(path), "application/yaml", 1);
            }
            List<Path> rules = ruleFiles(path);
            if (rules.isEmpty()) {
                throw new NoRuleFiles(path);
            }
            return new RuleUpload(path, path.toString(), zip(path, rules), "application/zip", rules.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> ruleFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yml") || name.endsWith(".yaml");
            }).sorted().toList();
        }
    }

    /**
     * Entries are named by their path relative to the folder with '/' separators, whatever the platform: the hub
     * names a problem's file by its entry name, which must then lead the user to the file.
     */
    private static byte[] zip(Path folder, List<Path> rules) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path rule : rules) {
                Path relative = folder.relativize(rule);
                StringBuilder entry = new StringBuilder();
                for (Path part : relative) {
                    entry.append(entry.isEmpty() ? "" : "/").append(part);
                }
                zip.putNextEntry(new ZipEntry(entry.toString()));
                zip.write(Files.readAllBytes(rule));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
