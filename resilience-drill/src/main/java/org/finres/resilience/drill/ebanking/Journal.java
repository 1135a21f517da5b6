package org.finres.resilience.drill.ebanking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node's durable, append-only journal of committed transfers: one JSON line each, forced to disk before
 * {@link #append} returns, so a transfer the node confirmed survives a {@code kill -9}. A torn last line (the process
 * died mid-write) is ignored on replay: it was never confirmed.
 */
final class Journal implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private FileChannel channel;

    Journal(Path file) {
        this.file = file;
        open();
    }

    private void open() {
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    List<Transfer> replay() {
        List<Transfer> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(fromJson(JSON.readTree(line)));
                } catch (RuntimeException torn) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
        return out;
    }

    synchronized void append(Transfer t) {
        try {
            ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(toJson(t)) + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal " + file, e);
        }
    }

    /** Replaces the whole journal, for a standby that takes the primary's history when it (re)joins. */
    synchronized void replaceWith(List<Transfer> transfers) {
        try {
            channel.close();
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder s = new StringBuilder();
            for (Transfer t : transfers) {
                s.append(JSON.writeValueAsString(toJson(t))).append('\n');
            }
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                c.write(ByteBuffer.wrap(s.toString().getBytes(StandardCharsets.UTF_8)));
                c.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the journal " + file, e);
        }
    }

    static ObjectNode toJson(Transfer t) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", t.id());
        n.put("from", t.from());
        n.put("to", t.to());
        n.put("amount", t.amount().toPlainString());
        n.put("committedAt", t.committedAt().toString());
        return n;
    }

    static Transfer fromJson(JsonNode n) {
        return new Transfer(n.get("id").asString(), n.get("from").asString(), n.get("to").asString(),
                new BigDecimal(n.get("amount").asString()), Instant.parse(n.get("committedAt").asString()));
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
