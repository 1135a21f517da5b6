package org.finres.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants: list, read, create, update and delete, each limited by the actor's permissions and tenant. */
@Service
public class Institutions {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    @org.springframework.beans.factory.annotation.Autowired
    public Institutions(JdbcClient jdbc, AuditTrail audit, Clock clock,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** Without event publication, for tests that stand an Institutions in for the real one. */
    public Institutions(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this(jdbc, audit, clock, event -> {
        });
    }

    /** The command to create or change an institution; validated here, whatever the channel it came from. */
    public record Draft(String name, InstitutionKind kind, SizeTier sizeTier) {
        public Draft {
            name = PlainText.name("name", name, 200);
            if (kind == null) {
                throw new InvalidInputException("kind", "is required: one of bank, securities, insurance, "
                        + "bills-finance, credit-cooperative, payment, other", "required");
            }
            if (kind.isMember() && sizeTier == null) {
                throw new InvalidInputException("sizeTier", "is required for a member institution: large, medium or small", "sizeTier.required");
            }
            if (!kind.isMember() && sizeTier != null) {
                throw new InvalidInputException("sizeTier", "applies to member institutions only", "sizeTier.notApplicable");
            }
        }
    }

    public List<Institution> list(Actor actor) {
        requireHeld(actor, Permission.INSTITUTIONS_READ, "institution.list");
        if (actor.grants().get(Permission.INSTITUTIONS_READ) == Permission.Reach.ALL) {
            return jdbc.sql("select * from institution order by kind <> 'HUB', kind <> 'REGULATOR', name")
                    .query(Institutions::map).list();
        }
        return jdbc.sql("select * from institution where id = :id").param("id", actor.institutionId().value())
                .query(Institutions::map).list();
    }

    public Institution get(Actor actor, InstitutionId id) {
        if (!actor.may(Permission.INSTITUTIONS_READ, id)) {
            audit.recordDenied(actor, "institution.read", "institution", id.value(), id, "other tenant or no permission");
            throw new NotFoundException("institution", id.value());
        }
        return find(id).orElseThrow(() -> new NotFoundException("institution", id.value()));
    }

    /** Looks an institution up without an actor; for the modules' own internal use (kinds, names on pages). */
    public Optional<Institution> find(InstitutionId id) {
        return jdbc.sql("select * from institution where id = :id").param("id", id.value())
                .query(Institutions::map).optional();
    }

    @Transactional
    public Institution create(Actor actor, InstitutionId id, Draft draft) {
        if (!actor.may(Permission.INSTITUTIONS_MANAGE, id)) {
            audit.recordDenied(actor, "institution.create", "institution", id.value(), id, "missing permission INSTITUTIONS_MANAGE");
            throw new AccessRefusedException("creating institutions needs the INSTITUTIONS_MANAGE permission (hub-admin)");
        }
        if (!draft.kind().isMember()) {
            throw new InvalidInputException("kind", "the hub and the regulator tenants exist once and cannot be created", "kind.special");
        }
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                    insert into institution (id, name, kind, size_tier, created_at, updated_at)
                    values (:id, :name, :kind, :tier, :now, :now)
                    """)
                    .param("id", id.value()).param("name", draft.name()).param("kind", draft.kind().name())
                    .param("tier", draft.sizeTier().name()).param("now", Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("institution '" + id.value() + "' already exists");
        }
        audit.record(actor, AuditEntry.success("institution.created", "institution", id.value(), id)
                .with("name", draft.name()).with("kind", draft.kind().name())
                .with("sizeTier", draft.sizeTier().name()));
        // Within this transaction: what other modules make for a new member (its TAXII inbox) commits with it.
        events.publishEvent(new InstitutionCreated(id, draft.kind()));
        return find(id).orElseThrow();
    }

    /** Creates one of the two special tenants; only the hub's own seeding does this. */
    @Transactional
    public Institution createSpecialTenant(Actor.SystemProcess actor, InstitutionId id, String name, InstitutionKind kind) {
        if (kind.isMember()) {
            throw new IllegalArgumentException("not a special tenant kind: " + kind);
        }
        Instant now = clock.instant();
        jdbc.sql("insert into institution (id, name, kind, created_at, updated_at) values (:id, :name, :kind, :now, :now)")
                .param("id", id.value()).param("name", PlainText.name("name", name, 200)).param("kind", kind.name())
                .param("now", Timestamp.from(now)).update();
        audit.record(actor, AuditEntry.success("institution.created", "institution", id.value(), id)
                .with("name", name).with("kind", kind.name()));
        return find(id).orElseThrow();
    }

    @Transactional
    public Institution update(Actor actor, InstitutionId id, Draft draft) {
        requireMay(actor, Permission.INSTITUTIONS_MANAGE, id, "institution.update");
        Institution current = find(id).orElseThrow(() -> new NotFoundException("institution", id.value()));
        if (current.kind() != draft.kind() && (!current.kind().isMember() || !draft.kind().isMember())) {
            throw new InvalidInputException("kind", "the hub and the regulator keep their kind", "kind.fixed");
        }
        jdbc.sql("update institution set name = :name, kind = :kind, size_tier = :tier, updated_at = :now where id = :id")
                .param("id", id.value()).param("name", draft.name()).param("kind", draft.kind().name())
                .param("tier", draft.sizeTier() == null ? null : draft.sizeTier().name())
                .param("now", Timestamp.from(clock.instant())).update();
        audit.record(actor, AuditEntry.success("institution.updated", "institution", id.value(), id)
                .with("name", draft.name()).with("kind", draft.kind().name())
                .with("sizeTier", draft.sizeTier() == null ? "" : draft.sizeTier().name()));
        return find(id).orElseThrow();
    }

    @Transactional
    public void delete(Actor actor, InstitutionId id) {
        requireMay(actor, Permission.INSTITUTIONS_MANAGE, id, "institution.delete");
        Institution current = find(id).orElseThrow(() -> new NotFoundException("institution", id.value()));
        if (!current.kind().isMember()) {
            throw new ConflictException("the " + current.kind().name().toLowerCase() + " tenant cannot be deleted");
        }
        long users = jdbc.sql("select count(*) from app_user where institution_id = :id").param("id", id.value())
                .query(Long.class).single();
        long tokens = jdbc.sql("select count(*) from api_token where institution_id = :id and revoked_at is null and expires_at > :now")
                .param("id", id.value()).param("now", Timestamp.from(clock.instant())).query(Long.class).single();
        if (users + tokens > 0) {
            throw new ConflictException("institution '" + id.value() + "' still has " + users + " user(s) and "
                    + tokens + " active token(s); delete the users and revoke the tokens first");
        }
        // Revoked and expired tokens go with the institution; their history stays in the audit trail.
        jdbc.sql("delete from api_token where institution_id = :id").param("id", id.value()).update();
        jdbc.sql("delete from institution where id = :id").param("id", id.value()).update();
        audit.record(actor, AuditEntry.success("institution.deleted", "institution", id.value(), id));
    }

    /** Member institutions per kind, for the dashboard. */
    public Map<InstitutionKind, Long> countByKind() {
        Map<InstitutionKind, Long> counts = new EnumMap<>(InstitutionKind.class);
        jdbc.sql("select kind, count(*) from institution group by kind")
                .query((rs, n) -> Map.entry(InstitutionKind.valueOf(rs.getString(1)), rs.getLong(2)))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private void requireHeld(Actor actor, Permission permission, String action) {
        if (!actor.holds(permission)) {
            audit.recordDenied(actor, action, "institution", null, null, "missing permission " + permission);
            throw new AccessRefusedException("this needs the " + permission + " permission");
        }
    }

    private void requireMay(Actor actor, Permission permission, InstitutionId target, String action) {
        if (actor.may(permission, target)) {
            return;
        }
        audit.recordDenied(actor, action, "institution", target.value(), target, "missing permission " + permission);
        if (actor.knowsOf(target)) {
            throw new AccessRefusedException("this needs the " + permission + " permission");
        }
        throw new NotFoundException("institution", target.value());
    }

    static Institution map(ResultSet rs, int row) throws SQLException {
        String tier = rs.getString("size_tier");
        return new Institution(new InstitutionId(rs.getString("id")), rs.getString("name"),
                InstitutionKind.valueOf(rs.getString("kind")), tier == null ? null : SizeTier.valueOf(tier),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
