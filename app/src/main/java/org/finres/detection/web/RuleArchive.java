package org.finres.detection.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.finres.core.InvalidInputException;
import org.finres.detection.RuleFile;

/**
 * Turns an uploaded file into the catalogue's rule files: one YAML file as it is, or every .yml/.yaml of a
 * zipped SigmaHQ-style folder. Refusals carry a rule ({@code tooLarge}, {@code notZip}, {@code emptyZip},
 * {@code tooManyEntries}, {@code notUtf8}, {@code notYaml}) so pages can say them in the visitor's language.
 * Shared by the upload page and {@code POST /api/v1/detection/rules}.
 *
 * @param maxBytes the largest upload, and the most a zip may unpack to
 */
record RuleArchive(long maxBytes) {

    /** Entries of a zip beyond this are refused: a folder of rules, not an archive bomb. */
    static final int MAX_ZIP_ENTRIES = 20_000;

    List<RuleFile> files(String fileName, long size, byte[] content) throws IOException {
        String name = fileName == null || fileName.isBlank() ? "upload.yml" : fileName.strip();
        if (size > maxBytes) {
            throw new InvalidInputException("file", "is larger than " + maxBytes + " bytes", "tooLarge", maxBytes);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip") || isZip(content)) {
            return unzip(content);
        }
        if (!(lower.endsWith(".yml") || lower.endsWith(".yaml"))) {
            throw new InvalidInputException("file", "must be a .yml, .yaml or .zip file", "notYaml", name);
        }
        return List.of(new RuleFile(name, utf8(content, name)));
    }

    List<RuleFile> unzip(byte[] body) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new InvalidInputException("file", "the zip has more than " + MAX_ZIP_ENTRIES
                            + " entries", "tooManyEntries", MAX_ZIP_ENTRIES);
                }
                String entryName = e.getName();
                String lower = entryName.toLowerCase(Locale.ROOT);
                if (e.isDirectory() || !(lower.endsWith(".yml") || lower.endsWith(".yaml"))
                        || lower.contains("__macosx/")) {
                    continue;
                }
                byte[] content = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                total += content.length;
                if (total > maxBytes) {
                    throw new InvalidInputException("file", "the zip unpacks to more than " + maxBytes + " bytes",
                            "tooLarge", maxBytes);
                }
                files.add(new RuleFile(entryName, utf8(content, entryName)));
            }
        } catch (ZipException e) {
            throw new InvalidInputException("file", "is not a readable zip: " + e.getMessage(), "notZip",
                    e.getMessage());
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("file", "the zip holds no .yml or .yaml file", "emptyZip");
        }
        return files;
    }

    private static boolean isZip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    static String utf8(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file", name + " is not UTF-8 text", "notUtf8", name);
        }
    }
}
