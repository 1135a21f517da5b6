package org.finres.attack;

import java.io.InputStream;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InvalidInputException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.stix.attack.AttackBundleException;
import org.finres.stix.attack.AttackBundleReader;
import org.finres.stix.attack.AttackCatalogue;
import org.finres.stix.attack.AttackDomain;
import org.finres.stix.attack.Tactic;
import org.finres.stix.attack.Technique;
import org.finres.stix.attack.TechniqueId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub's ATT&CK catalogue. Importing is detection engineering over the whole sector (RULES_MANAGE over every
 * tenant: hub admins and analysts). ATT&CK is public (TLP:CLEAR) and naming a technique reveals nothing about any
 * institution, so reading is open to whoever reads what techniques are named on (alerts, rules, intelligence) —
 * but not to a machine token made for something else, such as a SOC forwarder's {@code events:write}.
 */
@Service
public class AttackTechniques {

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AttackTechniques(JdbcClient jdbc, TenantAccess access, AuditTrail audit, TransactionTemplate transactions,
                     Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Imports an ATT&CK bundle, replacing the hub's techniques and tactics of the matrices it holds (an enterprise
     * bundle leaves the mobile and ICS matrices alone). Nothing changes when the bundle is refused.
     */
    public CatalogueImport importBundle(Actor actor, InputStream bundle) {
        access.requireAll(actor, Permission.RULES_MANAGE, "attack.import", "attack_catalogue", null);
        AttackCatalogue catalogue;
        try {
            catalogue = AttackBundleReader.read(bundle);
        } catch (AttackBundleException e) {
            throw new InvalidInputException("bundle", e.getMessage());
        }
        Set<AttackDomain> domains = new TreeSet<>();
        catalogue.techniques().forEach(t -> domains.add(t.domain()));
        List<String> domainCodes = domains.stream().map(AttackDomain::code).toList();
        // One row per (matrix, id): a revoked copy and its re-issue share the id, and the current one wins.
        Map<String, Technique> rows = new LinkedHashMap<>();
        Comparator<Technique> preferred = Comparator.comparing(Technique::current);
        for (Technique t : catalogue.techniques()) {
            rows.merge(t.domain().code() + " " + t.id().value(), t,
                    (a, b) -> preferred.compare(b, a) > 0 ? b : a);
        }
        Map<String, Tactic> tactics = new LinkedHashMap<>();
        catalogue.tactics().forEach(t -> tactics.putIfAbsent(t.domain().code() + " " + t.id(), t));
        java.time.Instant now = clock.instant();
        long id = transactions.execute(status -> {
            for (String d : domainCodes) {
                jdbc.sql("delete from attack_technique where domain = :d").param("d", d).update();
                jdbc.sql("delete from attack_tactic where domain = :d").param("d", d).update();
            }
            for (Technique t : rows.values()) {
                jdbc.sql("""
                        insert into attack_technique (domain, id, name, stix_id, tactics, url, deprecated, revoked)
                        values (:d, :id, :n, :s, :t, :u, :dep, :rev)
                        """).param("d", t.domain().code()).param("id", t.id().value()).param("n", t.name())
                        .param("s", t.stixId()).param("t", t.tactics().toArray(String[]::new)).param("u", t.url())
                        .param("dep", t.deprecated()).param("rev", t.revoked()).update();
            }
            for (Tactic t : tactics.values()) {
                jdbc.sql("insert into attack_tactic (domain, id, short_name, name) values (:d, :id, :s, :n)")
                        .param("d", t.domain().code()).param("id", t.id()).param("s", t.shortName())
                        .param("n", t.name()).update();
            }
            long importId = jdbc.sql("""
                    insert into attack_import (collections, domains, techniques, tactics, skipped, imported_at, imported_by)
                    values (:c, :d, :te, :ta, :sk, :at, :by) returning id
                    """).param("c", catalogue.collections().toArray(String[]::new))
                    .param("d", domainCodes.toArray(String[]::new)).param("te", rows.size())
                    .param("ta", tactics.size()).param("sk", catalogue.skipped()).param("at", Timestamp.from(now))
                    .param("by", actor.auditName()).query(Long.class).single();
            audit.record(actor, AuditEntry.success("attack.imported", "attack_catalogue", Long.toString(importId), null)
                    .with("collections", String.join(", ", catalogue.collections()))
                    .with("techniques", Integer.toString(rows.size()))
                    .with("tactics", Integer.toString(tactics.size())));
            return importId;
        });
        return imports().stream().filter(i -> i.id() == id).findFirst().orElseThrow();
    }

    /** Every import, newest first. */
    public List<CatalogueImport> imports(Actor actor) {
        requireReader(actor, "attack.imports.read");
        return imports();
    }

    private List<CatalogueImport> imports() {
        return jdbc.sql("select * from attack_import order by id desc").query((rs, n) -> new CatalogueImport(
                rs.getLong("id"), strings(rs.getArray("collections")), strings(rs.getArray("domains")),
                rs.getInt("techniques"), rs.getInt("tactics"), rs.getInt("skipped"),
                rs.getTimestamp("imported_at").toInstant(), rs.getString("imported_by"))).list();
    }

    /**
     * Names the given techniques; ids the catalogue does not know are left out, so a caller shows them bare. When an
     * id is in several matrices, the current description wins, then the enterprise matrix.
     */
    public Map<TechniqueId, NamedTechnique> name(Collection<TechniqueId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (TechniqueId id : ids) {
            wanted.add(id.value());
            wanted.add(id.parent().value());
        }
        Map<TechniqueId, NamedTechnique> out = new LinkedHashMap<>();
        List<Row> rows = rows("where t.id in (:ids)", Map.of("ids", wanted), Integer.MAX_VALUE);
        Map<TechniqueId, Row> best = best(rows);
        for (TechniqueId id : ids) {
            Row r = best.get(id);
            if (r != null) {
                out.put(id, named(r, best.get(id.parent())));
            }
        }
        return out;
    }

    public Optional<NamedTechnique> technique(Actor actor, TechniqueId id) {
        requireReader(actor, "attack.technique.read");
        return Optional.ofNullable(name(List.of(id)).get(id));
    }

    /**
     * Techniques whose id or name contains the query (all of them for a blank query), ordered by id, current ones
     * only unless {@code includeRetired}.
     */
    public List<NamedTechnique> search(Actor actor, String query, boolean includeRetired, int limit) {
        requireReader(actor, "attack.technique.search");
        if (limit < 1 || limit > 5000) {
            throw new InvalidInputException("limit", "must be 1 to 5000, not " + limit);
        }
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        String where = "where (:q = '' or lower(t.id) like :like or lower(t.name) like :like)"
                + (includeRetired ? "" : " and not t.deprecated and not t.revoked");
        List<Row> rows = rows(where, Map.of("q", q, "like", "%" + q.replace("%", "\\%").replace("_", "\\_") + "%"),
                limit);
        Map<TechniqueId, Row> best = best(rows);
        Set<TechniqueId> parents = new TreeSet<>();
        best.keySet().stream().filter(TechniqueId::isSubTechnique).map(TechniqueId::parent)
                .filter(p -> !best.containsKey(p)).forEach(parents::add);
        Map<TechniqueId, Row> parentRows = parents.isEmpty() ? Map.of()
                : best(rows("where t.id in (:ids)", Map.of("ids", parents.stream().map(TechniqueId::value).toList()),
                Integer.MAX_VALUE));
        List<NamedTechnique> out = new ArrayList<>();
        for (Row r : best.values()) {
            Row parent = best.getOrDefault(r.id().parent(), parentRows.get(r.id().parent()));
            out.add(named(r, parent));
        }
        out.sort(Comparator.comparing(NamedTechnique::id));
        return out;
    }

    private static final List<Permission> READERS = List.of(Permission.ALERTS_READ, Permission.RULES_READ,
            Permission.INTEL_READ);

    /** Whether the actor may read the catalogue (see the class comment). */
    public static boolean mayRead(Actor actor) {
        return READERS.stream().anyMatch(actor::holds);
    }

    private void requireReader(Actor actor, String action) {
        if (!mayRead(actor)) {
            audit.recordDenied(actor, action, "attack_catalogue", null, null,
                    "missing ALERTS_READ, RULES_READ and INTEL_READ");
            throw new AccessRefusedException("reading the ATT&CK catalogue needs ALERTS_READ, RULES_READ or "
                    + "INTEL_READ");
        }
    }

    private record Row(TechniqueId id, String domain, String name, List<String> tactics, String url,
                       boolean deprecated, boolean revoked) {
        boolean current() {
            return !deprecated && !revoked;
        }
    }

    private List<Row> rows(String where, Map<String, ?> params, int limit) {
        // Tactic display names come from the same matrix's tactic rows, in the technique's own order.
        String sql = """
                select t.id, t.domain, t.name, t.url, t.deprecated, t.revoked,
                       array(select coalesce(a.name, s.short_name)
                             from unnest(t.tactics) with ordinality as s(short_name, n)
                             left join attack_tactic a on a.domain = t.domain and a.short_name = s.short_name
                             order by s.n) as tactic_names
                from attack_technique t
                """ + where + " order by t.id, t.domain limit :limit";
        return jdbc.sql(sql).params(params).param("limit", limit).query((rs, n) -> row(rs)).list();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(TechniqueId.of(rs.getString("id")), rs.getString("domain"), rs.getString("name"),
                strings(rs.getArray("tactic_names")), rs.getString("url"), rs.getBoolean("deprecated"),
                rs.getBoolean("revoked"));
    }

    private static Map<TechniqueId, Row> best(List<Row> rows) {
        Map<TechniqueId, Row> best = new LinkedHashMap<>();
        Comparator<Row> preferred = Comparator.comparing(Row::current)
                .thenComparing(r -> r.domain().equals(AttackDomain.ENTERPRISE.code()));
        for (Row r : rows) {
            best.merge(r.id(), r, (a, b) -> preferred.compare(b, a) > 0 ? b : a);
        }
        return best;
    }

    private static NamedTechnique named(Row r, Row parent) {
        String display = r.id().isSubTechnique() && parent != null ? parent.name() + ": " + r.name() : r.name();
        return new NamedTechnique(r.id(), r.name(), display, r.domain(), r.tactics(), r.url(), r.deprecated(),
                r.revoked());
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add((String) v);
        }
        return out;
    }
}
