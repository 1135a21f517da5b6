package org.finres.cli.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What earlier runs got acknowledged, per input file: its size and modification time when it was sent (a file
 * that changed since starts over) and the decoded byte offset and record count of the last acknowledged batch.
 * Written after every acknowledged batch, atomically, so an interruption at any moment leaves a usable file.
 */
final class SendState {

    /**
     * Progress of one input.
     *
     * @param size     size of the file (of the archive, for a zip entry) in bytes
     * @param modified its modification time, epoch milliseconds
     * @param offset   decoded bytes acknowledged
     * @param events   records acknowledged
     * @param complete whether the whole input was acknowledged
     */
    record Entry(long size, long modified, long offset, long events, boolean complete) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();

    private SendState(Path file) {
        this.file = file;
    }

    /** The state in {@code file}; empty when it does not exist. An unreadable file is an error, not a fresh start. */
    static SendState load(Path file) {
        SendState state = new SendState(file);
        if (!Files.exists(file)) {
            return state;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            for (var field : root.path("files").properties()) {
                JsonNode e = field.getValue();
                state.entries.put(field.getKey(), new Entry(e.path("size").asLong(), e.path("modified").asLong(),
                        e.path("offset").asLong(), e.path("events").asLong(), e.path("complete").asBoolean()));
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the state file " + file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); delete it to send everything again", e);
        }
    }

    /** Where an unchanged input stands; empty for a new or changed one. */
    Optional<Entry> resumable(String key, long size, long modified) {
        Entry entry = entries.get(key);
        return entry != null && entry.size() == size && entry.modified() == modified ? Optional.of(entry)
                : Optional.empty();
    }

    void put(String key, Entry entry) {
        entries.put(key, entry);
    }

    void save() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode files = root.putObject("files");
        entries.forEach((key, e) -> files.putObject(key).put("size", e.size()).put("modified", e.modified())
                .put("offset", e.offset()).put("events", e.events()).put("complete", e.complete()));
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + file + ": " + e.getMessage(), e);
        }
    }
}
