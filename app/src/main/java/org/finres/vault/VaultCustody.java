package org.finres.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditOutcome;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.custody.CustodianPublicKey;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.ReleasedShare;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custody registry and restore approvals. Which role a tenant holds in an institution's escrow follows from who
 * it is: the institution itself, the hub operator, the regulator, or the restoring institution the hub operator
 * designated. Each tenant registers its own custodian key and decides only for the role it holds. The hub keeps
 * released shares as the opaque bytes they are (sealed to the restorer's key, which the hub never has), checks their
 * outer fields against the request and the registry, and hands them only to the restoring institution once the
 * threshold of approvals is reached. Every registration, decision, hand-out and refusal is in the audit trail.
 */
@Service
public class VaultCustody {

    /** The escrow's custodians are the four roles, so N is 4 and M may be 2, 3 or 4 (never one party alone). */
    public static final int CUSTODIANS = CustodianRole.values().length;
    private static final Pattern REPOSITORY = Pattern.compile("[0-9a-f]{32}");

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Institutions institutions;
    private final Clock clock;

    public VaultCustody(JdbcClient jdbc, TenantAccess access, AuditTrail audit, Institutions institutions, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.institutions = institutions;
        this.clock = clock;
    }

    // ---- registry ----------------------------------------------------------------------------------------------

    /** The roles {@code tenant} holds in {@code institution}'s escrow (a tenant holds at most one). */
    public Set<CustodianRole> rolesHeldBy(InstitutionId tenant, InstitutionId institution) {
        Set<CustodianRole> roles = EnumSet.noneOf(CustodianRole.class);
        if (tenant.equals(institution)) {
            roles.add(CustodianRole.INSTITUTION);
        }
        if (tenant.equals(InstitutionId.HUB)) {
            roles.add(CustodianRole.HUB_OPERATOR);
        }
        if (tenant.equals(InstitutionId.REGULATOR)) {
            roles.add(CustodianRole.REGULATOR);
        }
        config(institution).filter(c -> c.restoring().equals(tenant))
                .ifPresent(c -> roles.add(CustodianRole.RESTORING_INSTITUTION));
        return roles;
    }

    public CustodyRegistry registry(Actor actor, InstitutionId institution) {
        member(actor, institution, "vault.custody.read");
        readable(actor, institution, null, "vault.custody.read", "vault_custody", institution.value());
        return load(institution);
    }

    /** Every registry the actor may read: the hub and the regulator all members', an institution its own and those it restores. */
    public List<CustodyRegistry> registries(Actor actor) {
        if (!actor.holds(Permission.VAULT_READ) && !actor.holds(Permission.VAULT_CUSTODY)) {
            audit.recordDenied(actor, "vault.custody.list", "vault_custody", null, null, "missing permission VAULT_READ");
            throw new AccessRefusedException("this needs the VAULT_READ permission");
        }
        boolean all = actor.grants().get(Permission.VAULT_READ) == Permission.Reach.ALL;
        List<String> ids = jdbc.sql("""
                select i.id from institution i left join vault_custody c on c.institution_id = i.id
                where i.kind not in ('HUB', 'REGULATOR')
                  and (:all or i.id = :own or c.restoring_institution = :own)
                order by i.id
                """).param("all", all).param("own", actor.institutionId().value()).query(String.class).list();
        return ids.stream().map(id -> load(InstitutionId.of(id))).toList();
    }

    /** The hub operator sets the threshold and the restoring institution. */
    @Transactional
    public CustodyRegistry configure(Actor actor, InstitutionId institution, int threshold, InstitutionId restoring) {
        access.requireAll(actor, Permission.VAULT_MANAGE, "vault.custody.configure", "vault_custody",
                institution.value());
        member(actor, institution, "vault.custody.configure");
        if (threshold < 2 || threshold > CUSTODIANS) {
            throw new InvalidInputException("threshold", "must be between 2 and " + CUSTODIANS + " (was " + threshold
                    + "): no single custodian may release an escrow alone", "vault.threshold", CUSTODIANS);
        }
        if (restoring == null) {
            throw new InvalidInputException("restoringInstitution", "is required");
        }
        if (restoring.equals(institution)) {
            throw new InvalidInputException("restoringInstitution", "must be another institution than "
                    + institution + ": it restores service when " + institution + " cannot");
        }
        Institution r = institutions.find(restoring).orElseThrow(() ->
                new InvalidInputException("restoringInstitution", "names no institution ('" + restoring + "')"));
        if (r.kind() == InstitutionKind.HUB || r.kind() == InstitutionKind.REGULATOR) {
            throw new InvalidInputException("restoringInstitution", "must be a member institution, not the "
                    + r.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        lockInstitution(institution);
        refuseWhilePending(institution, "its custody");
        Optional<Config> before = config(institution);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into vault_custody (institution_id, threshold, restoring_institution, updated_at, updated_by)
                values (:i, :t, :r, :at, :by)
                on conflict (institution_id) do update set threshold = excluded.threshold,
                    restoring_institution = excluded.restoring_institution, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by
                """).param("i", institution.value()).param("t", threshold).param("r", restoring.value())
                .param("at", Timestamp.from(now)).param("by", actor.auditName()).update();
        if (before.isPresent() && !before.get().restoring().equals(restoring)) {
            // The old restorer's key belongs to a tenant that no longer holds the role.
            jdbc.sql("delete from vault_custodian where institution_id = :i and role = 'RESTORING_INSTITUTION'")
                    .param("i", institution.value()).update();
        }
        audit.record(actor, AuditEntry.success("vault.custody.configured", "vault_custody", institution.value(),
                        institution).with("threshold", Integer.toString(threshold))
                .with("restoringInstitution", restoring.value())
                .with("previous", before.map(c -> c.threshold() + " " + c.restoring()).orElse("")));
        return load(institution);
    }

    /** The actor's tenant registers its own custodian key for the role it holds in the institution's escrow. */
    @Transactional
    public CustodyRegistry registerCustodian(Actor actor, InstitutionId institution, CustodianRole role, String name,
                                             byte[] publicKey) {
        member(actor, institution, "vault.custodian.register");
        readable(actor, institution, null, "vault.custodian.register", "vault_custodian", institution + "/" + role);
        access.check(actor, Permission.VAULT_CUSTODY, actor.institutionId(), "vault.custodian.register",
                "vault_custodian", institution + "/" + role);
        requireRole(actor, institution, role, rolesHeldBy(actor.institutionId(), institution), "vault.custodian.register",
                institution + "/" + role);
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException("name", "must have 1 to 200 characters");
        }
        CustodianPublicKey key;
        try {
            key = CustodianPublicKey.decode(publicKey);
        } catch (VaultException e) {
            throw new InvalidInputException("publicKey", "is not a custodian public key: " + e.getMessage());
        }
        lockInstitution(institution);
        refuseWhilePending(institution, "a custodian key");
        CustodyRegistry registry = load(institution);
        for (CustodyRegistry.Custodian other : registry.custodians()) {
            if (other.role() != role && other.fingerprint().equals(key.fingerprintHex())) {
                throw new ConflictException("key " + key.fingerprintHex() + " is already the " + other.role()
                        + " custodian's key of " + institution + "; each custodian needs a key of its own");
            }
        }
        String replaced = registry.custodian(role).map(CustodyRegistry.Custodian::fingerprint).orElse("");
        jdbc.sql("""
                insert into vault_custodian (institution_id, role, tenant_id, name, public_key, fingerprint,
                                             registered_at, registered_by)
                values (:i, :r, :t, :n, :k, :f, :at, :by)
                on conflict (institution_id, role) do update set tenant_id = excluded.tenant_id, name = excluded.name,
                    public_key = excluded.public_key, fingerprint = excluded.fingerprint,
                    registered_at = excluded.registered_at, registered_by = excluded.registered_by
                """).param("i", institution.value()).param("r", role.name()).param("t", actor.institutionId().value())
                .param("n", name.strip()).param("k", key.encode()).param("f", key.fingerprintHex())
                .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success("vault.custodian.registered", "vault_custodian",
                        institution + "/" + role.name(), institution).with("role", role.name())
                .with("fingerprint", key.fingerprintHex()).with("replaced", replaced));
        return load(institution);
    }

    // ---- restore requests --------------------------------------------------------------------------------------

    /** The designated restoring institution asks to restore an institution's repository. */
    @Transactional
    public RestoreRequest requestRestore(Actor actor, InstitutionId institution, String repositoryId, String reason,
                                         byte[] restorerPublicKey) {
        member(actor, institution, "vault.restore.request");
        readable(actor, institution, null, "vault.restore.request", "vault_restore_request", null);
        access.check(actor, Permission.VAULT_CUSTODY, actor.institutionId(), "vault.restore.request",
                "vault_restore_request", null);
        Config config = config(institution).orElse(null);
        if (config == null || !config.restoring().equals(actor.institutionId())) {
            audit.recordDenied(actor, "vault.restore.request", "vault_restore_request", null, institution,
                    "not the designated restoring institution");
            throw new AccessRefusedException("only the restoring institution designated for " + institution
                    + " may request its restore" + (config == null ? " (none is designated yet)" : ""));
        }
        if (repositoryId == null || !REPOSITORY.matcher(repositoryId).matches()) {
            throw new InvalidInputException("repositoryId", "must be 32 lower-case hex digits (the repository id)");
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 2000) {
            throw new InvalidInputException("reason", "must have 1 to 2000 characters");
        }
        CustodianPublicKey key;
        try {
            key = CustodianPublicKey.decode(restorerPublicKey);
        } catch (VaultException e) {
            throw new InvalidInputException("restorerPublicKey", "is not a custodian public key: " + e.getMessage());
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into vault_restore_request (id, institution_id, restoring_institution, repository_id, reason,
                    restorer_key, restorer_fingerprint, threshold, status, requested_at, requested_by)
                values (:id, :i, :r, :repo, :reason, :key, :fp, :t, 'PENDING', :at, :by)
                """).param("id", id).param("i", institution.value()).param("r", config.restoring().value())
                .param("repo", repositoryId).param("reason", reason.strip()).param("key", key.encode())
                .param("fp", key.fingerprintHex()).param("t", config.threshold())
                .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success("vault.restore.requested", "vault_restore_request", id.toString(),
                        institution).with("repositoryId", repositoryId).with("restorer", key.fingerprintHex())
                .with("threshold", Integer.toString(config.threshold())));
        return load(id).orElseThrow();
    }

    public RestoreRequest request(Actor actor, UUID id) {
        return visibleRequest(actor, id, "vault.restore.read");
    }

    /** Requests the actor may read, newest first: all for the hub and regulator, else those of its own or it restores. */
    public List<RestoreRequest> requests(Actor actor, InstitutionId institution, RestoreStatus status, int limit) {
        if (!actor.holds(Permission.VAULT_READ) && !actor.holds(Permission.VAULT_CUSTODY)) {
            audit.recordDenied(actor, "vault.restore.list", "vault_restore_request", null, institution,
                    "missing permission VAULT_READ");
            throw new AccessRefusedException("this needs the VAULT_READ permission");
        }
        boolean all = actor.grants().get(Permission.VAULT_READ) == Permission.Reach.ALL;
        return jdbc.sql("""
                select id from vault_restore_request
                where (:all or institution_id = :own or restoring_institution = :own)
                  and (cast(:i as text) is null or institution_id = :i)
                  and (cast(:s as text) is null or status = :s)
                order by requested_at desc limit :limit
                """).param("all", all).param("own", actor.institutionId().value())
                .param("i", institution == null ? null : institution.value())
                .param("s", status == null ? null : status.name()).param("limit", Math.max(1, Math.min(limit, 500)))
                .query(UUID.class).list().stream().map(r -> load(r).orElseThrow()).toList();
    }

    /**
     * A custodian approves for the role its tenant holds, handing in its released share (sealed to the restorer).
     *
     * @throws AccessRefusedException the actor's tenant does not hold the role, or may not act as a custodian (403)
     * @throws ConflictException      the request is decided, or the role has already decided (409)
     * @throws VaultRefusedException  the share is malformed or is not this custodian's share for this restorer and
     *                                repository (422)
     */
    @Transactional
    public RestoreRequest approve(Actor actor, UUID id, CustodianRole role, byte[] releasedShare) {
        RestoreRequest request = decidable(actor, id, role, "vault.restore.approve");
        CustodyRegistry.Custodian custodian = load(request.institution()).custodian(role).orElse(null);
        if (custodian == null || !custodian.tenant().equals(actor.institutionId())) {
            throw refusal(actor, request, "vault.restore.approve", new ConflictException("no " + role
                    + " custodian key is registered for " + request.institution() + " by " + actor.institutionId()
                    + "; register it first (PUT /api/v1/vault/custody/" + request.institution() + "/custodians/" + role + ")"));
        }
        ReleasedShare share;
        try {
            share = ReleasedShare.decode(releasedShare == null ? new byte[0] : releasedShare);
        } catch (VaultException e) {
            throw refusal(actor, request, "vault.restore.approve",
                    new VaultRefusedException("the released share is malformed: " + e.getMessage()));
        }
        String mismatch = share.role() != role ? "it is the " + share.role() + " custodian's share, not " + role
                : !share.custodianFingerprintHex().equals(custodian.fingerprint())
                        ? "it was released by key " + share.custodianFingerprintHex() + ", but the registered " + role
                          + " key is " + custodian.fingerprint()
                : !share.recipientFingerprintHex().equals(request.restorerFingerprint())
                        ? "it is sealed to key " + share.recipientFingerprintHex() + ", not to this request's restorer "
                          + request.restorerFingerprint()
                : !share.repositoryHex().equals(request.repositoryId())
                        ? "it belongs to repository " + share.repositoryHex() + ", not " + request.repositoryId()
                : null;
        if (mismatch != null) {
            throw refusal(actor, request, "vault.restore.approve",
                    new VaultRefusedException("the released share does not fit this request: " + mismatch));
        }
        Instant now = clock.instant();
        jdbc.sql("""
                insert into vault_restore_decision (request_id, role, tenant_id, decision, released_share,
                    custodian_fingerprint, decided_at, decided_by)
                values (:id, :role, :t, 'APPROVED', :share, :fp, :at, :by)
                """).param("id", id).param("role", role.name()).param("t", actor.institutionId().value())
                .param("share", share.encode()).param("fp", custodian.fingerprint()).param("at", Timestamp.from(now))
                .param("by", actor.auditName()).update();
        long approvals = request.approvals() + 1;
        RestoreStatus status = approvals >= request.threshold() ? RestoreStatus.APPROVED : RestoreStatus.PENDING;
        if (status == RestoreStatus.APPROVED) {
            jdbc.sql("update vault_restore_request set status = 'APPROVED', decided_at = :at where id = :id")
                    .param("at", Timestamp.from(now)).param("id", id).update();
        }
        audit.record(actor, AuditEntry.success("vault.restore.approved", "vault_restore_request", id.toString(),
                        request.institution()).with("role", role.name()).with("custodian", custodian.fingerprint())
                .with("approvals", approvals + " of " + request.threshold()).with("status", status.name()));
        return load(id).orElseThrow();
    }

    /** A custodian denies for the role its tenant holds, with a reason. */
    @Transactional
    public RestoreRequest deny(Actor actor, UUID id, CustodianRole role, String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 2000) {
            throw new InvalidInputException("reason", "must have 1 to 2000 characters");
        }
        RestoreRequest request = decidable(actor, id, role, "vault.restore.deny");
        Instant now = clock.instant();
        jdbc.sql("""
                insert into vault_restore_decision (request_id, role, tenant_id, decision, reason, decided_at, decided_by)
                values (:id, :role, :t, 'DENIED', :reason, :at, :by)
                """).param("id", id).param("role", role.name()).param("t", actor.institutionId().value())
                .param("reason", reason.strip()).param("at", Timestamp.from(now)).param("by", actor.auditName()).update();
        long denials = request.denials() + 1;
        // Denied once the custodians still undecided or approving can no longer reach the threshold.
        RestoreStatus status = CUSTODIANS - denials < request.threshold() ? RestoreStatus.DENIED : RestoreStatus.PENDING;
        if (status == RestoreStatus.DENIED) {
            jdbc.sql("update vault_restore_request set status = 'DENIED', decided_at = :at where id = :id")
                    .param("at", Timestamp.from(now)).param("id", id).update();
        }
        audit.record(actor, AuditEntry.success("vault.restore.denied", "vault_restore_request", id.toString(),
                        request.institution()).with("role", role.name()).with("reason", reason.strip())
                .with("status", status.name()));
        return load(id).orElseThrow();
    }

    /**
     * The released shares, for the restoring institution only and only once approved; each hand-out and each refusal
     * is audited.
     */
    @Transactional
    public List<byte[]> shares(Actor actor, UUID id) {
        RestoreRequest request = visibleRequest(actor, id, "vault.restore.shares");
        if (!actor.institutionId().equals(request.restoringInstitution())) {
            audit.recordDenied(actor, "vault.restore.shares", "vault_restore_request", id.toString(),
                    request.institution(), "not the restoring institution");
            throw new AccessRefusedException("only the restoring institution of this request ("
                    + request.restoringInstitution() + ") receives its released shares");
        }
        access.check(actor, Permission.VAULT_CUSTODY, actor.institutionId(), "vault.restore.shares",
                "vault_restore_request", id.toString());
        if (request.status() != RestoreStatus.APPROVED) {
            throw refusal(actor, request, "vault.restore.shares", new ConflictException("request " + id + " is "
                    + request.status() + " with " + request.approvals() + " of " + request.threshold()
                    + " approvals; the shares are handed out only once it is APPROVED"));
        }
        List<byte[]> shares = jdbc.sql("""
                select released_share from vault_restore_decision
                where request_id = :id and decision = 'APPROVED' order by role
                """).param("id", id).query((rs, n) -> rs.getBytes(1)).list();
        audit.record(actor, AuditEntry.success("vault.restore.shares_released", "vault_restore_request",
                id.toString(), request.institution()).with("shares", Integer.toString(shares.size())));
        return shares;
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private RestoreRequest decidable(Actor actor, UUID id, CustodianRole role, String action) {
        if (role == null) {
            throw new InvalidInputException("role", "is required: one of INSTITUTION, HUB_OPERATOR, REGULATOR, "
                    + "RESTORING_INSTITUTION");
        }
        RestoreRequest request = visibleRequest(actor, id, action);
        access.check(actor, Permission.VAULT_CUSTODY, actor.institutionId(), action, "vault_restore_request",
                id.toString());
        Set<CustodianRole> held = EnumSet.noneOf(CustodianRole.class);
        held.addAll(rolesHeldBy(actor.institutionId(), request.institution()));
        held.remove(CustodianRole.RESTORING_INSTITUTION);
        if (actor.institutionId().equals(request.restoringInstitution())) {
            held.add(CustodianRole.RESTORING_INSTITUTION);
        }
        requireRole(actor, request.institution(), role, held, action, id.toString());
        // Serialise decisions on one request, so two approvals at once cannot both count as the last one needed.
        jdbc.sql("select id from vault_restore_request where id = :id for update").param("id", id).query(UUID.class).single();
        request = load(id).orElseThrow();
        if (request.status() != RestoreStatus.PENDING) {
            throw refusal(actor, request, action, new ConflictException("request " + id + " is already "
                    + request.status() + "; it takes no more decisions"));
        }
        Optional<RestoreRequest.Decision> earlier = request.decisionOf(role);
        if (earlier.isPresent()) {
            throw refusal(actor, request, action, new ConflictException("the " + role + " custodian already "
                    + (earlier.get().approved() ? "approved" : "denied") + " request " + id + " at "
                    + earlier.get().decidedAt() + "; a custodian decides once"));
        }
        return request;
    }

    private void requireRole(Actor actor, InstitutionId institution, CustodianRole role, Set<CustodianRole> held,
                             String action, String targetId) {
        if (!held.contains(role)) {
            audit.recordDenied(actor, action, "vault_custodian", targetId, institution,
                    "tenant does not hold the " + role + " role");
            throw new AccessRefusedException(actor.institutionId() + " does not hold the " + role + " role in the "
                    + "escrow of " + institution + (held.isEmpty() ? "" : " (it holds " + held + ")"));
        }
    }

    /** A refusal of a visible request, recorded whatever happens to the surrounding transaction. */
    private RuntimeException refusal(Actor actor, RestoreRequest request, String action, RuntimeException e) {
        audit.recordIndependently(actor, new AuditEntry("vault.restore.refused", "vault_restore_request",
                request.id().toString(), request.institution(), AuditOutcome.DENIED, null)
                .with("attempted", action).with("reason", e.getMessage()));
        return e;
    }

    private RestoreRequest visibleRequest(Actor actor, UUID id, String action) {
        RestoreRequest request = id == null ? null : load(id).orElse(null);
        if (request == null) {
            throw new NotFoundException("vault_restore_request", id == null ? "" : id.toString());
        }
        readable(actor, request.institution(), request.restoringInstitution(), action, "vault_restore_request",
                id.toString());
        return request;
    }

    /**
     * Reads reach an institution's custody for those who read its vault, and for tenants holding a role in its
     * escrow (the restoring institution in particular); anyone else is answered "not found".
     */
    private void readable(Actor actor, InstitutionId institution, InstitutionId restorer, String action,
                          String targetType, String targetId) {
        if (!actor.holds(Permission.VAULT_READ) && !actor.holds(Permission.VAULT_CUSTODY)) {
            audit.recordDenied(actor, action, targetType, targetId, institution, "missing permission VAULT_READ");
            throw new AccessRefusedException("this needs the VAULT_READ permission");
        }
        boolean reads = actor.may(Permission.VAULT_READ, institution);
        boolean holdsRole = !rolesHeldBy(actor.institutionId(), institution).isEmpty()
                || actor.institutionId().equals(restorer);
        if (!reads && !holdsRole) {
            access.refuseOtherTenant(actor, action, targetType, targetId, institution);
        }
    }

    private void member(Actor actor, InstitutionId institution, String action) {
        Institution found = institution == null ? null : institutions.find(institution).orElse(null);
        if (found == null || found.kind() == InstitutionKind.HUB || found.kind() == InstitutionKind.REGULATOR) {
            throw new NotFoundException("institution", institution == null ? "" : institution.value());
        }
    }

    private void lockInstitution(InstitutionId institution) {
        jdbc.sql("select id from institution where id = :i for update").param("i", institution.value())
                .query(String.class).single();
    }

    private void refuseWhilePending(InstitutionId institution, String what) {
        Long pending = jdbc.sql("select count(*) from vault_restore_request where institution_id = :i and status = 'PENDING'")
                .param("i", institution.value()).query(Long.class).single();
        if (pending > 0) {
            throw new ConflictException(institution + " has " + pending + " pending restore request(s); " + what
                    + " cannot change until they are decided");
        }
    }

    // ---- loading -----------------------------------------------------------------------------------------------

    record Config(int threshold, InstitutionId restoring, Instant updatedAt, String updatedBy) {
    }

    Optional<Config> config(InstitutionId institution) {
        return jdbc.sql("select * from vault_custody where institution_id = :i").param("i", institution.value())
                .query((rs, n) -> new Config(rs.getInt("threshold"), InstitutionId.of(rs.getString("restoring_institution")),
                        rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"))).optional();
    }

    /** The restoring institution designated for an institution, if any (drills may be recorded by it). */
    public Optional<InstitutionId> restoringInstitutionOf(InstitutionId institution) {
        return config(institution).map(Config::restoring);
    }

    private CustodyRegistry load(InstitutionId institution) {
        Optional<Config> config = config(institution);
        List<CustodyRegistry.Custodian> custodians = jdbc.sql("""
                select * from vault_custodian where institution_id = :i
                order by array_position(array['INSTITUTION','HUB_OPERATOR','REGULATOR','RESTORING_INSTITUTION'], role)
                """).param("i", institution.value()).query((rs, n) -> new CustodyRegistry.Custodian(
                CustodianRole.valueOf(rs.getString("role")), rs.getString("name"),
                InstitutionId.of(rs.getString("tenant_id")), rs.getBytes("public_key"), rs.getString("fingerprint"),
                rs.getTimestamp("registered_at").toInstant(), rs.getString("registered_by"))).list();
        return new CustodyRegistry(institution, config.map(Config::threshold).orElse(null),
                config.map(Config::restoring).orElse(null), config.map(Config::updatedAt).orElse(null),
                config.map(Config::updatedBy).orElse(null), custodians);
    }

    private Optional<RestoreRequest> load(UUID id) {
        List<RestoreRequest.Decision> decisions = jdbc.sql("""
                select * from vault_restore_decision where request_id = :id order by decided_at
                """).param("id", id).query(VaultCustody::mapDecision).list();
        return jdbc.sql("select * from vault_restore_request where id = :id").param("id", id)
                .query((rs, n) -> mapRequest(rs, decisions)).optional();
    }

    private static RestoreRequest.Decision mapDecision(ResultSet rs, int n) throws SQLException {
        return new RestoreRequest.Decision(CustodianRole.valueOf(rs.getString("role")),
                InstitutionId.of(rs.getString("tenant_id")), "APPROVED".equals(rs.getString("decision")),
                rs.getString("custodian_fingerprint"), rs.getString("reason"), rs.getTimestamp("decided_at").toInstant(),
                rs.getString("decided_by"));
    }

    private static RestoreRequest mapRequest(ResultSet rs, List<RestoreRequest.Decision> decisions) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new RestoreRequest(rs.getObject("id", UUID.class), InstitutionId.of(rs.getString("institution_id")),
                InstitutionId.of(rs.getString("restoring_institution")), rs.getString("repository_id"),
                rs.getString("reason"), rs.getString("restorer_fingerprint"), rs.getInt("threshold"),
                RestoreStatus.valueOf(rs.getString("status")), rs.getTimestamp("requested_at").toInstant(),
                rs.getString("requested_by"), decided == null ? null : decided.toInstant(), new ArrayList<>(decisions));
    }
}
