package org.finres.intel.internal.analysis;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.intel.IntelSighted;
import org.finres.intel.internal.HubIdentities;
import org.finres.intel.internal.ObjectStore;
import org.finres.intel.internal.TaxiiTime;
import org.finres.stix.Tlp;
import org.finres.stix.ObservableIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns hits into STIX 2.1 sightings: one object per indicator, member and (UTC) day, whose count, first_seen and
 * last_seen grow as a new version per new event. A sighting is stored in the indicator's collection under the
 * indicator's TLP, and a recipients-only indicator's sighting goes to the same recipients (and its submitter) only.
 * Each event counts once, so a retro-hunt that finds an event detection already reported adds nothing.
 */
@Component
public class Sightings {

    private static final UUID NAMESPACE = UUID.fromString("0b7d4f3e-6c52-4f0a-9d0e-51f0e7a9c3b2");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Event ids kept per sighting for de-duplication; beyond this a busy day's sighting just counts. */
    private static final int EVENTS_KEPT = 1_000;

    /** The indicator a hit is for, as the analysis table holds it. */
    public record Target(UUID collection, String stixId, InstitutionId submitter, Tlp tlp, boolean recipientsOnly,
                         List<String> recipients) {
    }

    private final JdbcClient jdbc;
    private final ObjectStore objects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Sightings(JdbcClient jdbc, ObjectStore objects, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.objects = objects;
        this.events = events;
        this.clock = clock;
    }

    private record Existing(String id, int count, Instant firstSeen, Instant lastSeen, Instant created, Instant modified,
                            Set<UUID> events, boolean retro) {
    }

    /** Records one hit in the caller's transaction; false when this event was already counted. */
    public boolean record(Target t, InstitutionId member, UUID eventId, Instant eventTime, String observed, boolean retro) {
        LocalDate day = LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
        // One writer per indicator at a time (detection's thread and the retro-hunt may both hit it), so that the
        // first hit of a new member-day cannot be counted twice or lost.
        jdbc.sql("select 1 from intel_analysis_indicator where collection_id = :c and stix_id = :s for update")
                .param("c", t.collection()).param("s", t.stixId()).query(Integer.class).list();
        List<Existing> found = jdbc.sql("""
                select sighting_id, count, first_seen, last_seen, created, modified, events, retro_hunt
                from intel_analysis_sighting
                where collection_id = :c and stix_id = :s and institution_id = :i and day = :d for update
                """).param("c", t.collection()).param("s", t.stixId()).param("i", member.value()).param("d", day)
                .query((rs, n) -> new Existing(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                        uuids(rs.getArray(7)), rs.getBoolean(8))).list();
        Existing e = found.isEmpty() ? null : found.getFirst();
        if (e != null && e.events().contains(eventId)) {
            return false;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String id = e != null ? e.id() : "sighting--" + ObservableIds.uuidV5(NAMESPACE,
                t.collection() + "|" + t.stixId() + "|" + member.value() + "|" + day);
        Instant created = e != null ? e.created() : now;
        Instant modified = e != null && !now.isAfter(e.modified()) ? e.modified().plus(1, ChronoUnit.MICROS) : now;
        int count = e != null ? e.count() + 1 : 1;
        Instant first = e != null && e.firstSeen().isBefore(eventTime) ? e.firstSeen() : eventTime;
        Instant last = e != null && e.lastSeen().isAfter(eventTime) ? e.lastSeen() : eventTime;
        Set<UUID> seen = new LinkedHashSet<>(e == null ? Set.of() : e.events());
        if (seen.size() < EVENTS_KEPT) {
            seen.add(eventId);
        }
        jdbc.sql("""
                insert into intel_analysis_sighting (collection_id, stix_id, institution_id, day, sighting_id, count,
                    first_seen, last_seen, retro_hunt, created, modified, events)
                values (:c, :s, :i, :d, :id, :n, :f, :l, :r, :cr, :m, :ev)
                on conflict (collection_id, stix_id, institution_id, day) do update set count = excluded.count,
                    first_seen = excluded.first_seen, last_seen = excluded.last_seen, modified = excluded.modified,
                    events = excluded.events, retro_hunt = intel_analysis_sighting.retro_hunt and excluded.retro_hunt
                """).param("c", t.collection()).param("s", t.stixId()).param("i", member.value()).param("d", day)
                .param("id", id).param("n", count).param("f", Timestamp.from(first)).param("l", Timestamp.from(last))
                .param("r", retro).param("cr", Timestamp.from(created)).param("m", Timestamp.from(modified))
                .param("ev", seen.toArray(UUID[]::new)).update();
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "sighting");
        s.put("spec_version", "2.1");
        s.put("id", id);
        s.put("created", TaxiiTime.format(created));
        s.put("modified", TaxiiTime.format(modified));
        s.put("sighting_of_ref", t.stixId());
        s.put("count", count);
        s.put("first_seen", TaxiiTime.format(first.truncatedTo(ChronoUnit.MICROS)));
        s.put("last_seen", TaxiiTime.format(last.truncatedTo(ChronoUnit.MICROS)));
        s.putArray("where_sighted_refs").add(HubIdentities.institutionId(member).toString());
        s.putArray("object_marking_refs").add(t.tlp().id().toString());
        List<String> recipients = new ArrayList<>(t.recipients());
        if (t.recipientsOnly() && !recipients.contains(t.submitter().value())) {
            // The sighting is the hub's object, so the indicator's submitter must be named to keep seeing it.
            recipients.add(t.submitter().value());
        }
        objects.insert(t.collection(), List.of(new ObjectStore.NewVersion(id, "sighting", "2.1", created, modified,
                modified, TaxiiTime.format(modified), false, t.tlp(), t.recipientsOnly(), recipients, InstitutionId.HUB,
                false, "system:intel-analysis", JSON.writeValueAsString(s))));
        jdbc.sql("""
                update intel_analysis_indicator set sightings = sightings + 1, computed_at = null,
                    last_sighted = greatest(coalesce(last_sighted, :t), :t)
                where collection_id = :c and stix_id = :s
                """).param("t", Timestamp.from(eventTime)).param("c", t.collection()).param("s", t.stixId()).update();
        events.publishEvent(new IntelSighted(t.stixId(), t.submitter(), member, observed, eventTime, retro));
        return true;
    }

    private static Set<UUID> uuids(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList((UUID[]) array.getArray()));
    }
}
