package org.finres.intel.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.intel.CollectionKind;
import org.finres.stix.Tlp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The collections: four of the sector's, made at start, and one inbox per member institution, made when the
 * institution first appears (at start, and at the first look-up after it was created).
 */
@Component
public class CollectionCatalogue {

    /** A stored collection, before any caller's rights are applied. */
    public record Stored(UUID id, String alias, String title, String description, CollectionKind kind,
                         InstitutionId owner, Tlp defaultTlp) {
    }

    static final List<Stored> SECTOR = List.of(
            new Stored(UUID.fromString("0c845677-f829-47b1-a600-5be6236b53eb"), "sector-clear", "Sector: TLP:CLEAR",
                    "Intelligence every member may share with anyone.", CollectionKind.COMMUNITY, null, Tlp.CLEAR),
            new Stored(UUID.fromString("62adcc97-9cbd-4727-8596-7308e8d59495"), "sector-green", "Sector: TLP:GREEN",
                    "Intelligence for the financial-sector community.", CollectionKind.COMMUNITY, null, Tlp.GREEN),
            new Stored(UUID.fromString("75e26ed4-564b-4799-bf9a-80d1fe605541"), "sector-amber", "Sector: TLP:AMBER",
                    "Intelligence for members' organisations and their clients, on a need-to-know basis.",
                    CollectionKind.COMMUNITY, null, Tlp.AMBER),
            new Stored(UUID.fromString("0e62e83e-7f32-44cc-8f7c-8494a09ce71d"), "hub-warnings", "Hub early warnings",
                    "Early warnings and protection advice from the hub; members read, the hub writes.",
                    CollectionKind.WARNINGS, null, Tlp.AMBER));

    private final JdbcClient jdbc;
    private final Clock clock;

    CollectionCatalogue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (Stored c : SECTOR) {
            jdbc.sql("""
                    insert into intel_collection (id, alias, title, description, kind, owner, default_tlp, created_at)
                    values (:id, :alias, :title, :description, :kind, null, :tlp, :now) on conflict (id) do nothing
                    """).param("id", c.id()).param("alias", c.alias()).param("title", c.title())
                    .param("description", c.description()).param("kind", c.kind().name().toLowerCase())
                    .param("tlp", c.defaultTlp().name()).param("now", Timestamp.from(clock.instant())).update();
        }
        ensureInboxes();
    }

    /** The inbox's id is derived from the institution's, so it is the same on every hub that has that member. */
    public static UUID inboxId(InstitutionId institution) {
        return UUID.nameUUIDFromBytes(("finres-inbox:" + institution.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A new member's inbox is made in the transaction that creates the member. */
    @org.springframework.context.event.EventListener
    void institutionCreated(org.finres.core.InstitutionCreated created) {
        ensureInboxes();
    }

    /** Makes the inbox of every member institution that has none yet. */
    public void ensureInboxes() {
        List<String> missing = jdbc.sql("""
                select i.id from institution i
                where i.kind not in ('HUB', 'REGULATOR')
                  and not exists (select 1 from intel_collection c where c.kind = 'inbox' and c.owner = i.id)
                """).query(String.class).list();
        for (String institution : missing) {
            InstitutionId owner = InstitutionId.of(institution);
            jdbc.sql("""
                    insert into intel_collection (id, alias, title, description, kind, owner, default_tlp, created_at)
                    values (:id, :alias, :title, :description, 'inbox', :owner, 'AMBER_STRICT', :now)
                    on conflict do nothing
                    """).param("id", inboxId(owner)).param("alias", "inbox-" + institution)
                    .param("title", "Inbox of " + institution)
                    .param("description", "What the hub sends " + institution + " alone, and what " + institution
                            + " shares with the hub alone.")
                    .param("owner", institution).param("now", Timestamp.from(clock.instant())).update();
        }
    }

    public List<Stored> all() {
        ensureInboxes();
        return jdbc.sql("select * from intel_collection order by kind <> 'community', kind <> 'warnings', alias")
                .query(CollectionCatalogue::map).list();
    }

    /** By id or alias. */
    public Optional<Stored> find(String idOrAlias) {
        Optional<Stored> found = lookup(idOrAlias);
        if (found.isEmpty()) {
            ensureInboxes();
            found = lookup(idOrAlias);
        }
        return found;
    }

    private Optional<Stored> lookup(String idOrAlias) {
        UUID id = null;
        try {
            id = UUID.fromString(idOrAlias);
        } catch (IllegalArgumentException e) {
            // an alias
        }
        if (id != null) {
            return jdbc.sql("select * from intel_collection where id = :id").param("id", id)
                    .query(CollectionCatalogue::map).optional();
        }
        return jdbc.sql("select * from intel_collection where alias = :alias").param("alias", idOrAlias)
                .query(CollectionCatalogue::map).optional();
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        String owner = rs.getString("owner");
        return new Stored(rs.getObject("id", UUID.class), rs.getString("alias"), rs.getString("title"),
                rs.getString("description"), CollectionKind.valueOf(rs.getString("kind").toUpperCase()),
                owner == null ? null : InstitutionId.of(owner), Tlp.valueOf(rs.getString("default_tlp")));
    }
}
