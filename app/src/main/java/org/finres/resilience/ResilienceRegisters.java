package org.finres.resilience;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.RegisterFormatException;
import org.finres.resilience.engine.RegisterProblem;
import org.finres.resilience.engine.format.RegisterReader;
import org.finres.resilience.engine.format.RegisterWriter;
import org.finres.resilience.internal.CompiledAnalyses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Institutions' resilience registers, one version per upload. An institution uploads and reads only its own; the
 * regulator never reads a member's register (it sees the aggregates {@link SectorResilience} makes); the hub, which
 * supports members in an incident, reads one by naming the institution, and uploads none.
 * A register is stored only when the engine reads it without a problem and it names the uploading institution.
 */
@Service
public class ResilienceRegisters {

    /**
     * A register of 10,000 elements is about 2 MB of YAML; far larger is not a register. The API's request body limit
     * ({@code finres.api.max-body}, 1 MB by default) applies before this one.
     */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INSTITUTION_LINE = Pattern.compile("(?m)^\\s*\"?institution\"?\\s*:");

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;
    private final CompiledAnalyses compiled;

    public ResilienceRegisters(JdbcClient jdbc, TenantAccess access, AuditTrail audit, Clock clock,
                               CompiledAnalyses compiled) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.compiled = compiled;
    }

    /**
     * Stores a new version of the actor's institution's register.
     *
     * @param declared the format the request says it sends (its content type), or null to go by the text
     * @throws RegisterRejectedException every problem the engine found, with lines and elements (400)
     */
    @Transactional
    public RegisterVersion upload(Actor actor, String source, RegisterFormat declared) {
        InstitutionId own = actor.institutionId();
        access.check(actor, Permission.RESILIENCE_MANAGE, own, "resilience.register.upload", "resilience_register",
                null);
        if (source == null || source.isBlank()) {
            throw new InvalidInputException("register", "is empty: send the register as YAML or JSON");
        }
        if (source.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException("register", "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        RegisterFormat format = RegisterFormat.sniff(source);
        if (declared != null && declared != format) {
            throw new InvalidInputException("register", "was sent as " + declared + " but reads as " + format
                    + " (a JSON register starts with '{')");
        }
        Register register;
        try {
            register = RegisterReader.read(source);
        } catch (RegisterFormatException e) {
            audit.recordIndependently(actor, new AuditEntry("resilience.register.rejected", "resilience_register",
                    null, own, org.finres.core.AuditOutcome.FAILURE, null)
                    .with("problems", Integer.toString(e.problems().size())));
            throw new RegisterRejectedException(e.problems());
        }
        if (!register.institution().equals(own.value())) {
            throw new RegisterRejectedException(List.of(new RegisterProblem(lineOf(source, INSTITUTION_LINE), 0,
                    "", "the register names institution '" + register.institution() + "', but this credential "
                    + "belongs to '" + own.value() + "': an institution uploads only its own register")));
        }
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from resilience_register where institution_id = :i")
                .param("i", own.value()).query(Integer.class).single();
        // Not cached under its version yet: should the insert fail, that version number is taken by another register.
        CompiledAnalyses.Compiled c = CompiledAnalyses.compute(register);
        int spofs = c.sweep().singlePointsOfFailure().size();
        int hidden = c.sweep().hidden().size();
        Map<String, Object> summary = Map.of("institutionName", register.institutionName(),
                "services", register.services().size(), "components", register.components().size(),
                "singlePointsOfFailure", spofs, "hiddenSinglePointsOfFailure", hidden,
                "breachingLosses", c.sweep().breaching().size());
        jdbc.sql("""
                insert into resilience_register (institution_id, version, format, source, services, components, summary,
                                                 uploaded_by, uploaded_at)
                values (:i, :v, :f, :s, :services, :components, cast(:summary as jsonb), :by, :at)
                """).param("i", own.value()).param("v", version).param("f", format.name()).param("s", source)
                .param("services", register.services().size()).param("components", register.components().size())
                .param("summary", JSON.writeValueAsString(summary)).param("by", actor.auditName())
                .param("at", Timestamp.from(clock.instant())).update();
        audit.record(actor, AuditEntry.success("resilience.register.uploaded", "resilience_register",
                        own.value() + "/" + version, own).with("version", Integer.toString(version))
                .with("format", format.name()).with("services", Integer.toString(register.services().size()))
                .with("components", Integer.toString(register.components().size()))
                .with("singlePointsOfFailure", Integer.toString(spofs)));
        return versions(actor, own).getFirst();
    }

    /** Versions, newest first. */
    public List<RegisterVersion> versions(Actor actor, InstitutionId institution) {
        InstitutionId scope = readScope(actor, institution, "resilience.register.versions");
        return jdbc.sql("""
                select institution_id, version, format, services, components, summary, uploaded_by, uploaded_at
                from resilience_register where institution_id = :i order by version desc
                """).param("i", scope.value()).query(ResilienceRegisters::mapVersion).list();
    }

    /** The newest version, or 404 when the institution has uploaded none. */
    public StoredRegister current(Actor actor, InstitutionId institution) {
        InstitutionId scope = readScope(actor, institution, "resilience.register.read");
        return latest(scope).orElseThrow(() -> new NotFoundException("resilience register", scope.value()));
    }

    public Optional<StoredRegister> find(Actor actor, InstitutionId institution) {
        InstitutionId scope = readScope(actor, institution, "resilience.register.read");
        return latest(scope);
    }

    public StoredRegister version(Actor actor, InstitutionId institution, int version) {
        InstitutionId scope = readScope(actor, institution, "resilience.register.read");
        return jdbc.sql("select * from resilience_register where institution_id = :i and version = :v")
                .param("i", scope.value()).param("v", version).query(ResilienceRegisters::mapStored).optional()
                .orElseThrow(() -> new NotFoundException("resilience register version", scope.value() + "/" + version));
    }

    /** The register in the asked format: the uploaded text itself when the formats agree. */
    public static String export(StoredRegister stored, RegisterFormat format) {
        if (format == stored.version().format()) {
            return stored.source();
        }
        return format == RegisterFormat.JSON ? RegisterWriter.toJson(stored.register())
                : RegisterWriter.toYaml(stored.register());
    }

    /** The institution the actor reads: its own (members), never another's; 403 without the permission. */
    InstitutionId readScope(Actor actor, InstitutionId requested, String action) {
        InstitutionId scope = access.scope(actor, Permission.RESILIENCE_READ, requested, action, "resilience_register");
        if (scope == null) {
            // The hub's roles reach every institution: a read still names the one it is about.
            if (requested == null) {
                throw new InvalidInputException("institution", "is required");
            }
            return requested;
        }
        return scope;
    }

    Optional<StoredRegister> latest(InstitutionId institution) {
        return jdbc.sql("""
                select * from resilience_register where institution_id = :i order by version desc limit 1
                """).param("i", institution.value()).query(ResilienceRegisters::mapStored).optional();
    }

    /** A version by its institution, for callers that checked access already (an operation pins its version). */
    StoredRegister internalVersion(InstitutionId institution, int version) {
        return jdbc.sql("select * from resilience_register where institution_id = :i and version = :v")
                .param("i", institution.value()).param("v", version).query(ResilienceRegisters::mapStored).single();
    }

    /** The newest register of every institution that has one, for the sector aggregates (no actor: callers check). */
    List<StoredRegister> latestOfEach() {
        return jdbc.sql("""
                select distinct on (institution_id) * from resilience_register order by institution_id, version desc
                """).query(ResilienceRegisters::mapStored).list();
    }

    List<RegisterVersion> latestVersionOfEach() {
        return jdbc.sql("""
                select distinct on (institution_id) institution_id, version, format, services, components, summary,
                       uploaded_by, uploaded_at
                from resilience_register order by institution_id, version desc
                """).query(ResilienceRegisters::mapVersion).list();
    }

    CompiledAnalyses.Compiled compiled(StoredRegister stored) {
        return compiled.of(stored.version().institution().value(), stored.version().version(), stored.register());
    }

    static int lineOf(String source, Pattern pattern) {
        Matcher m = pattern.matcher(source);
        if (!m.find()) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        // The pattern may start at the newline before the key.
        return source.charAt(m.start()) == '\n' ? line + 1 : line;
    }

    private static RegisterVersion mapVersion(ResultSet rs, int n) throws SQLException {
        var summary = JSON.readTree(rs.getString("summary"));
        return new RegisterVersion(InstitutionId.of(rs.getString("institution_id")), rs.getInt("version"),
                RegisterFormat.valueOf(rs.getString("format")), rs.getInt("services"), rs.getInt("components"),
                summary.path("singlePointsOfFailure").asInt(), summary.path("hiddenSinglePointsOfFailure").asInt(),
                rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
    }

    private static StoredRegister mapStored(ResultSet rs, int n) throws SQLException {
        String source = rs.getString("source");
        // Stored only after it read without a problem, and the engine reads its own format for ever (FORMAT.md).
        return new StoredRegister(mapVersion(rs, n), source, RegisterReader.read(source));
    }

    static List<String> problemsAsText(List<RegisterProblem> problems) {
        List<String> out = new ArrayList<>();
        problems.forEach(p -> out.add(p.toString()));
        return out;
    }
}
