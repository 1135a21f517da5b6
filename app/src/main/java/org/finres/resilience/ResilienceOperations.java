package org.finres.resilience;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.PlainText;
import org.finres.core.TenantAccess;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.analysis.RestorationPlan;
import org.finres.resilience.internal.ServiceLocations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command view's operations. An operation belongs to one institution and is pinned to the register version it
 * was opened on, so a register uploaded mid-incident does not reshuffle the restoration order under the team.
 * Every change is audited; another institution's operation answers 404.
 */
@Service
public class ResilienceOperations {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How many upcoming restoration steps the command view shows. */
    public static final int NEXT_STEPS = 3;

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;
    private final ResilienceRegisters registers;
    private final ResilienceAnalyses analyses;

    public ResilienceOperations(JdbcClient jdbc, TenantAccess access, AuditTrail audit, Clock clock,
                                ResilienceRegisters registers, ResilienceAnalyses analyses) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.registers = registers;
        this.analyses = analyses;
    }

    @Transactional
    public Operation open(Actor actor, OperationKind kind, String title, ScenarioSpec scenario) {
        InstitutionId own = actor.institutionId();
        access.check(actor, Permission.RESILIENCE_OPERATE, own, "resilience.operation.open", "resilience_operation",
                null);
        if (kind == null) {
            throw new InvalidInputException("kind", "is required: DRILL or INCIDENT");
        }
        if (scenario == null) {
            throw new InvalidInputException("scenario", "is required");
        }
        String name = PlainText.name("title", title, 200);
        StoredRegister stored = registers.current(actor, own);
        analyses.scenario(stored, scenario);   // refuses unknown elements and layers before anything is stored
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into resilience_operation (id, institution_id, kind, title, scenario, register_version, status,
                                                  opened_at, opened_by)
                values (:id, :i, :kind, :title, cast(:scenario as jsonb), :v, 'OPEN', :at, :by)
                """).param("id", id).param("i", own.value()).param("kind", kind.name()).param("title", name)
                .param("scenario", JSON.writeValueAsString(Map.of("code", scenario.code())))
                .param("v", stored.version().version()).param("at", Timestamp.from(clock.instant()))
                .param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success("resilience.operation.opened", "resilience_operation", id.toString(),
                own).with("kind", kind.name()).with("scenario", scenario.code()));
        return get(actor, id);
    }

    public List<Operation> list(Actor actor, InstitutionId institution) {
        InstitutionId scope = registers.readScope(actor, institution, "resilience.operations.list");
        List<UUID> ids = jdbc.sql("select id from resilience_operation where institution_id = :i order by opened_at desc limit 100")
                .param("i", scope.value()).query(UUID.class).list();
        return ids.stream().map(id -> load(scope, id)).toList();
    }

    public Operation get(Actor actor, UUID id) {
        InstitutionId owner = owner(actor, id, Permission.RESILIENCE_READ, "resilience.operation.read");
        return load(owner, id);
    }

    @Transactional
    public Operation setStatus(Actor actor, UUID id, String service, String location, boolean up) {
        Operation op = changeable(actor, id, "resilience.operation.status");
        Operation.ServiceRow row = row(op, service);
        if (row.locations().stream().noneMatch(c -> c.location().equals(location))) {
            throw new InvalidInputException("location", "'" + InvalidInputException.preview(location)
                    + "' is not a location of service " + service);
        }
        jdbc.sql("""
                insert into resilience_operation_status (operation_id, institution_id, service_id, site_id, up, updated_at, updated_by)
                values (:id, :i, :s, :l, :up, :at, :by)
                on conflict (operation_id, service_id, site_id) do update set up = excluded.up,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """).param("id", id).param("i", op.institution().value()).param("s", service).param("l", location)
                .param("up", up).param("at", Timestamp.from(clock.instant())).param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success("resilience.operation.status_set", "resilience_operation",
                id.toString(), op.institution()).with("service", service).with("location", location)
                .with("up", Boolean.toString(up)));
        return load(op.institution(), id);
    }

    @Transactional
    public Operation assign(Actor actor, UUID id, String service, String assignee) {
        Operation op = changeable(actor, id, "resilience.operation.assign");
        row(op, service);
        String who = assignee == null || assignee.isBlank() ? null : PlainText.name("assignee", assignee, 200);
        if (who == null) {
            jdbc.sql("delete from resilience_operation_assignee where operation_id = :id and service_id = :s")
                    .param("id", id).param("s", service).update();
        } else {
            jdbc.sql("""
                    insert into resilience_operation_assignee (operation_id, institution_id, service_id, assignee, updated_at, updated_by)
                    values (:id, :i, :s, :a, :at, :by)
                    on conflict (operation_id, service_id) do update set assignee = excluded.assignee,
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """).param("id", id).param("i", op.institution().value()).param("s", service).param("a", who)
                    .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName()).update();
        }
        audit.record(actor, AuditEntry.success("resilience.operation.assigned", "resilience_operation", id.toString(),
                op.institution()).with("service", service).with("assignee", who));
        return load(op.institution(), id);
    }

    @Transactional
    public Operation markStep(Actor actor, UUID id, String element, boolean done) {
        Operation op = changeable(actor, id, "resilience.operation.step");
        if (op.plan().steps().stream().noneMatch(s -> s.element().value().equals(element))) {
            throw new InvalidInputException("element", "'" + InvalidInputException.preview(element)
                    + "' is not a step of this operation's restoration order");
        }
        jdbc.sql("""
                insert into resilience_operation_step (operation_id, institution_id, element_id, done, updated_at, updated_by)
                values (:id, :i, :e, :done, :at, :by)
                on conflict (operation_id, element_id) do update set done = excluded.done,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """).param("id", id).param("i", op.institution().value()).param("e", element).param("done", done)
                .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success(done ? "resilience.operation.step_done" : "resilience.operation.step_undone",
                "resilience_operation", id.toString(), op.institution()).with("element", element));
        return load(op.institution(), id);
    }

    @Transactional
    public Operation note(Actor actor, UUID id, String text) {
        Operation op = changeable(actor, id, "resilience.operation.note");
        if (text == null || text.isBlank() || text.length() > 4000) {
            throw new InvalidInputException("text", "must have 1 to 4000 characters");
        }
        jdbc.sql("""
                insert into resilience_operation_note (operation_id, institution_id, text, written_at, written_by)
                values (:id, :i, :t, :at, :by)
                """).param("id", id).param("i", op.institution().value()).param("t", text.strip())
                .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success("resilience.operation.noted", "resilience_operation", id.toString(),
                op.institution()));
        return load(op.institution(), id);
    }

    @Transactional
    public Operation close(Actor actor, UUID id) {
        Operation op = changeable(actor, id, "resilience.operation.close");
        jdbc.sql("update resilience_operation set status = 'CLOSED', closed_at = :at where id = :id")
                .param("at", Timestamp.from(clock.instant())).param("id", id).update();
        audit.record(actor, AuditEntry.success("resilience.operation.closed", "resilience_operation", id.toString(),
                op.institution()));
        return load(op.institution(), id);
    }

    private Operation changeable(Actor actor, UUID id, String action) {
        InstitutionId owner = owner(actor, id, Permission.RESILIENCE_OPERATE, action);
        Operation op = load(owner, id);
        if (!op.open()) {
            throw new ConflictException("operation " + id + " was closed at " + op.closedAt() + " and changes no more");
        }
        return op;
    }

    private static Operation.ServiceRow row(Operation op, String service) {
        return op.services().stream().filter(r -> r.service().equals(service)).findFirst()
                .orElseThrow(() -> new InvalidInputException("service", "'" + InvalidInputException.preview(service)
                        + "' is not a service of register version " + op.registerVersion()));
    }

    /** The operation's institution, after checking the actor may act on it (404 for another's or none). */
    private InstitutionId owner(Actor actor, UUID id, Permission permission, String action) {
        String owner = jdbc.sql("select institution_id from resilience_operation where id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        if (owner == null) {
            access.scope(actor, permission, null, action, "resilience_operation");
            throw new NotFoundException("resilience_operation", id.toString());
        }
        access.check(actor, permission, InstitutionId.of(owner), action, "resilience_operation", id.toString());
        return InstitutionId.of(owner);
    }

    private Operation load(InstitutionId owner, UUID id) {
        record Row(String kind, String title, String scenario, int version, String status, Instant openedAt,
                   String openedBy, Instant closedAt) {
        }
        Row r = jdbc.sql("select * from resilience_operation where id = :id and institution_id = :i")
                .param("id", id).param("i", owner.value())
                .query((rs, n) -> new Row(rs.getString("kind"), rs.getString("title"), rs.getString("scenario"),
                        rs.getInt("register_version"), rs.getString("status"), rs.getTimestamp("opened_at").toInstant(),
                        rs.getString("opened_by"), rs.getTimestamp("closed_at") == null ? null
                        : rs.getTimestamp("closed_at").toInstant())).optional()
                .orElseThrow(() -> new NotFoundException("resilience_operation", id.toString()));
        StoredRegister stored = registers.internalVersion(owner, r.version());
        ScenarioSpec spec = ScenarioSpec.parse(JSON.readTree(r.scenario()).path("code").asString());
        ScenarioOutcome outcome = analyses.scenario(stored, spec);
        Register register = stored.register();

        Map<String, Boolean> reported = new HashMap<>();
        jdbc.sql("select service_id, site_id, up from resilience_operation_status where operation_id = :id and institution_id = :i")
                .param("id", id).param("i", owner.value())
                .query((rs, n) -> reported.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getBoolean(3))).list();
        Map<String, String> assignees = new HashMap<>();
        jdbc.sql("select service_id, assignee from resilience_operation_assignee where operation_id = :id and institution_id = :i")
                .param("id", id).param("i", owner.value())
                .query((rs, n) -> assignees.put(rs.getString(1), rs.getString(2))).list();
        Set<String> done = new LinkedHashSet<>(jdbc.sql("""
                select element_id from resilience_operation_step where operation_id = :id and institution_id = :i and done
                """).param("id", id).param("i", owner.value()).query(String.class).list());
        List<Operation.Note> notes = jdbc.sql("""
                select id, text, written_at, written_by from resilience_operation_note
                where operation_id = :id and institution_id = :i order by id
                """).param("id", id).param("i", owner.value()).query((rs, n) -> new Operation.Note(rs.getLong(1),
                rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4))).list();

        // A lost element whose restoration step is done is back: the locations behind it show up again.
        Set<ElementId> lost = new HashSet<>(outcome.result().failed());
        lost.removeIf(e -> done.contains(e.value()));
        ServiceLocations where = new ServiceLocations(register);
        Map<ElementId, List<ElementId>> locations = where.locations(register);
        List<Operation.ServiceRow> rows = new ArrayList<>();
        for (ImportantService s : register.services()) {
            List<Operation.Cell> cells = new ArrayList<>();
            for (ElementId l : locations.get(s.id())) {
                Boolean set = reported.get(s.id().value() + "\u0000" + l.value());
                cells.add(set != null ? new Operation.Cell(l.value(), set, true)
                        : new Operation.Cell(l.value(), !where.down(s.id(), l, lost), false));
            }
            rows.add(new Operation.ServiceRow(s.id().value(), s.name(), assignees.getOrDefault(s.id().value(), ""),
                    cells));
        }
        RestorationPlan plan = outcome.restoration();
        List<RestorationPlan.Step> next = plan.steps().stream().filter(st -> !done.contains(st.element().value()))
                .limit(NEXT_STEPS).toList();
        return new Operation(id, owner, OperationKind.valueOf(r.kind()), r.title(), spec, r.version(),
                r.status().equals("OPEN"), r.openedAt(), r.openedBy(), r.closedAt(), rows, plan, done, next, notes);
    }
}
