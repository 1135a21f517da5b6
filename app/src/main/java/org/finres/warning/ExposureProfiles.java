package org.finres.warning;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.warning.internal.ExposureMatcher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What each member declares it runs and depends on. A member reads and edits its own (EXPOSURE_MANAGE for edits);
 * the hub reads every member's, since matching warnings is its job; no member ever reads another's, which would
 * tell an attacker where to aim.
 */
@Service
public class ExposureProfiles {

    static final int MAX_ITEMS = 500;

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    ExposureProfiles(JdbcClient jdbc, TenantAccess access, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ExposureItem> items(Actor actor, InstitutionId institution) {
        InstitutionId scope = access.scope(actor, Permission.INTEL_READ, institution, "exposure.read",
                "exposure_item");
        return jdbc.sql("select * from exposure_item where (cast(:i as text) is null or institution_id = :i) "
                        + "order by institution_id, kind, lower(value)")
                .param("i", scope == null ? null : scope.value()).query((rs, n) -> new ExposureItem(rs.getLong("id"),
                        InstitutionId.of(rs.getString("institution_id")), ExposureKind.fromCode(rs.getString("kind")),
                        rs.getString("value"), rs.getString("note"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"))).list();
    }

    public ExposureItem add(Actor actor, InstitutionId institution, ExposureKind kind, String value, String note) {
        InstitutionId owner = institution == null ? actor.institutionId() : institution;
        access.check(actor, Permission.EXPOSURE_MANAGE, owner, "exposure.add", "exposure_item", null);
        if (owner.equals(InstitutionId.HUB) || owner.equals(InstitutionId.REGULATOR)) {
            throw new InvalidInputException("institution", "only member institutions declare an exposure");
        }
        if (kind == null) {
            throw new InvalidInputException("kind", "is required: product, supplier, range or domain");
        }
        String problem = ExposureMatcher.problem(kind, value);
        if (problem != null) {
            throw new InvalidInputException("value", kind.code() + " '" + InvalidInputException.preview(value) + "' "
                    + problem);
        }
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("note", "is longer than 500 characters");
        }
        long count = jdbc.sql("select count(*) from exposure_item where institution_id = :i")
                .param("i", owner.value()).query(Long.class).single();
        if (count >= MAX_ITEMS) {
            throw new InvalidInputException("value", "an institution declares at most " + MAX_ITEMS + " items");
        }
        long id;
        try {
            id = jdbc.sql("""
                    insert into exposure_item (institution_id, kind, value, note, created_at, created_by)
                    values (:i, :k, :v, :n, :at, :by) returning id
                    """).param("i", owner.value()).param("k", kind.code()).param("v", value.strip())
                    .param("n", note == null || note.isBlank() ? null : note.strip())
                    .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(kind.code() + " '" + value.strip() + "' is already declared");
        }
        audit.record(actor, AuditEntry.success("exposure.added", "exposure_item", Long.toString(id), owner)
                .with("kind", kind.code()).with("value", value.strip()));
        return items(actor, owner).stream().filter(i -> i.id() == id).findFirst().orElseThrow();
    }

    public void remove(Actor actor, long id) {
        List<String> owners = jdbc.sql("select institution_id from exposure_item where id = :id").param("id", id)
                .query(String.class).list();
        if (owners.isEmpty()) {
            throw new NotFoundException("exposure item", Long.toString(id));
        }
        InstitutionId owner = InstitutionId.of(owners.getFirst());
        // Another member's item is answered as not found, exactly like one that does not exist.
        access.check(actor, Permission.EXPOSURE_MANAGE, owner, "exposure.remove", "exposure_item", Long.toString(id));
        jdbc.sql("delete from exposure_item where id = :id").param("id", id).update();
        audit.record(actor, AuditEntry.success("exposure.removed", "exposure_item", Long.toString(id), owner));
    }
}
