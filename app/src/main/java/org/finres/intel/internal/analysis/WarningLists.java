package org.finres.intel.internal.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shipped warning lists (read once from {@code intel/warning-lists/*.txt}; a bad line there fails start-up,
 * since it is our own data) and the hub-managed entries from the database, re-read after every change.
 */
@Component
public class WarningLists {

    /** A value on a list: which list, and the entry that covers it. */
    public record Hit(String list, String entry) {
        public String describe() {
            return list + " (" + entry + ")";
        }
    }

    /** A hub-managed entry as stored. */
    public record ManagedEntry(long id, String list, String type, String value, String note, Instant createdAt,
                               String createdBy) {
    }

    private final JdbcClient jdbc;
    private final List<WarningList> shipped;
    private volatile List<WarningList> managed;

    WarningLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.shipped = loadShipped();
    }

    static List<WarningList> loadShipped() {
        List<WarningList> lists = new ArrayList<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:intel/warning-lists/*.txt");
            java.util.Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    WarningListParser.Parsed parsed = WarningListParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (!parsed.errors().isEmpty() || parsed.list() == null) {
                        throw new IllegalStateException("shipped warning list " + file.getFilename() + ": " + parsed.errors());
                    }
                    lists.add(parsed.list());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the shipped warning lists failed: " + e.getMessage(), e);
        }
        return List.copyOf(lists);
    }

    public List<WarningList> shipped() {
        return shipped;
    }

    public List<ManagedEntry> managedEntries() {
        return jdbc.sql("select id, list_name, value_type, value, note, created_at, created_by from intel_warning_entry "
                        + "order by list_name, value")
                .query((rs, n) -> new ManagedEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7))).list();
    }

    /** The first list (shipped ones first) holding the canonical value of the detection type. */
    public Optional<Hit> match(String type, String value) {
        for (List<WarningList> group : List.of(shipped, managed())) {
            for (WarningList l : group) {
                Optional<WarningList.Entry> e = l.match(type, value);
                if (e.isPresent()) {
                    return Optional.of(new Hit(l.name(), e.get().text()));
                }
            }
        }
        return Optional.empty();
    }

    private List<WarningList> managed() {
        List<WarningList> m = managed;
        if (m == null) {
            Map<String, List<WarningList.Entry>> byList = new LinkedHashMap<>();
            for (ManagedEntry e : managedEntries()) {
                byList.computeIfAbsent(e.list(), k -> new ArrayList<>()).add(WarningListParser.entry(e.value()));
            }
            List<WarningList> built = new ArrayList<>();
            byList.forEach((name, entries) -> built.add(new WarningList(name, name, entries)));
            managed = m = List.copyOf(built);
        }
        return m;
    }

    /** Adds an entry; false when the list already holds the value. */
    public Optional<Long> add(String list, String type, String value, String note, Instant at, String by) {
        List<Long> id = jdbc.sql("""
                insert into intel_warning_entry (list_name, value_type, value, note, created_at, created_by)
                values (:l, :t, :v, :n, :at, :by) on conflict do nothing returning id
                """).param("l", list).param("t", type).param("v", value).param("n", note)
                .param("at", Timestamp.from(at)).param("by", by).query(Long.class).list();
        managed = null;
        return id.stream().findFirst();
    }

    public Optional<ManagedEntry> remove(long id) {
        Optional<ManagedEntry> gone = managedEntries().stream().filter(e -> e.id() == id).findFirst();
        if (gone.isPresent()) {
            jdbc.sql("delete from intel_warning_entry where id = :id").param("id", id).update();
            managed = null;
        }
        return gone;
    }

    /** Forgets the cached managed entries (after a rolled-back or another node's change). */
    public void forget() {
        managed = null;
    }
}
