package org.finres.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.finres.core.internal.AuditChain;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only, hash-chained audit trail. A record written with {@link #record} commits or rolls back
 * with the change it describes; {@link #recordIndependently} commits at once, for refusals and failed
 * logins whose surrounding work is rolled back. Appends are serialised on the {@code audit_head} row, which
 * is what makes the chain a chain rather than a tree.
 *
 * <p>Inside a transaction, {@link #record} appends when that transaction is about to commit, after all its other
 * work (ADR 029). The head row is then always the last lock a transaction takes, and it is held only for the
 * commit: a transaction that audited early and then waited for another's row, while that one waited for the head,
 * was a deadlock PostgreSQL broke by failing one of them.
 */
@Service
public class AuditTrail {

    private static final int VERIFY_BATCH = 2_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate joining;
    private final TransactionTemplate independent;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<CheckedChain> lastCheck = new java.util.concurrent.atomic.AtomicReference<>();

    /** A verification and when it ran. */
    public record CheckedChain(ChainVerification result, Instant checkedAt) {
    }

    public AuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.joining = new TransactionTemplate(transactions);
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records within the caller's transaction, appended just before it commits (or at once, in a transaction of
     * its own, when there is none). Records of one transaction keep the order in which they were recorded.
     */
    public void record(Actor actor, AuditEntry entry) {
        Pending pending = new Pending(actor, entry, currentRemoteAddress());
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            atCommit().add(pending);
        } else {
            joining.executeWithoutResult(status -> append(pending));
        }
    }

    /** Records in a transaction of its own, which commits even when the caller's work is rolled back. */
    public void recordIndependently(Actor actor, AuditEntry entry) {
        Pending pending = new Pending(actor, entry, currentRemoteAddress());
        independent.executeWithoutResult(status -> append(pending));
    }

    /** What a transaction recorded and has not appended yet; bound to that transaction only. */
    private List<Pending> atCommit() {
        @SuppressWarnings("unchecked")
        List<Pending> bound = (List<Pending>) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        List<Pending> pending = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                // After every other synchronisation's work, so that nothing takes a lock after the head's.
                return Ordered.LOWEST_PRECEDENCE;
            }

            @Override
            public void suspend() {
                // A REQUIRES_NEW transaction inside this one records into its own list, not this one's.
                TransactionSynchronizationManager.unbindResource(AuditTrail.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(AuditTrail.this, pending);
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                for (Pending p : pending) {
                    append(p);
                }
                pending.clear();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
                if (status == STATUS_COMMITTED && !pending.isEmpty()) {
                    // Recorded by after-commit work that ran in the committed transaction's scope: too late for
                    // it, so appended in a transaction of its own rather than lost.
                    List<Pending> late = List.copyOf(pending);
                    pending.clear();
                    independent.executeWithoutResult(s -> late.forEach(AuditTrail.this::append));
                }
            }
        });
        return pending;
    }

    /** A record as the caller made it: the remote address is the request's, read on the caller's thread. */
    private record Pending(Actor actor, AuditEntry entry, String remoteAddress) {
    }

    /** Records a refusal; always committed. */
    public void recordDenied(Actor actor, String action, String targetType, String targetId,
                             InstitutionId targetInstitution, String reason) {
        recordIndependently(actor, new AuditEntry("access.denied", targetType, targetId, targetInstitution,
                AuditOutcome.DENIED, null).with("attempted", action).with("reason", reason));
    }

    /** Records a read of restricted data (user lists, the audit trail itself, TLP:AMBER/RED objects). */
    public void recordRead(Actor actor, String targetType, String targetId, InstitutionId targetInstitution) {
        record(actor, AuditEntry.success("restricted.read", targetType, targetId, targetInstitution));
    }

    private void append(Pending pending) {
        Actor actor = pending.actor();
        AuditEntry entry = pending.entry();
        Head head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = head.seq() + 1;
        Instant at = AuditChain.storedPrecision(clock.instant());
        String actorInstitution = actor.institutionId() == null ? null : actor.institutionId().value();
        String targetInstitution = entry.targetInstitution() == null ? null : entry.targetInstitution().value();
        String details = AuditChain.canonicalJson(entry.details());
        String remote = pending.remoteAddress();
        String hash = AuditChain.hash(seq, at, actor.auditName(), actorInstitution, entry.action(),
                entry.targetType(), entry.targetId(), targetInstitution, entry.outcome().name(), details, remote,
                head.hash());
        jdbc.sql("""
                insert into audit_log (seq, recorded_at, actor, actor_institution, action, target_type, target_id,
                                       target_institution, outcome, details, remote_address, prev_hash, hash)
                values (:seq, :at, :actor, :actorInstitution, :action, :targetType, :targetId,
                        :targetInstitution, :outcome, :details, :remote, :prev, :hash)
                """)
                .param("seq", seq).param("at", java.sql.Timestamp.from(at)).param("actor", actor.auditName())
                .param("actorInstitution", actorInstitution).param("action", entry.action())
                .param("targetType", entry.targetType()).param("targetId", entry.targetId())
                .param("targetInstitution", targetInstitution).param("outcome", entry.outcome().name())
                .param("details", details).param("remote", remote).param("prev", head.hash()).param("hash", hash)
                .update();
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", seq).param("hash", hash).update();
    }

    /** Newest first, limited to what the actor may read; the read itself is recorded. */
    public List<AuditRecord> recent(Actor actor, InstitutionId tenantFilter, String actionPrefix, Long beforeSeq,
                                    int limit) {
        if (!actor.holds(Permission.AUDIT_READ)) {
            recordDenied(actor, "audit.read", "audit_log", null, tenantFilter, "missing permission AUDIT_READ");
            throw new AccessRefusedException("reading the audit trail needs the AUDIT_READ permission");
        }
        InstitutionId scope = tenantFilter;
        boolean scopedToOwnTenant = actor.grants().get(Permission.AUDIT_READ) == Permission.Reach.OWN;
        if (scopedToOwnTenant) {
            if (tenantFilter != null && !tenantFilter.equals(actor.institutionId())) {
                recordDenied(actor, "audit.read", "audit_log", null, tenantFilter, "other tenant");
                throw new NotFoundException("institution", tenantFilter.value());
            }
            scope = actor.institutionId();
        }
        int bounded = Math.max(1, Math.min(limit, 500));
        recordRead(actor, "audit_log", null, scope);
        return jdbc.sql("""
                select * from audit_log
                where (cast(:tenant as text) is null or actor_institution = :tenant or target_institution = :tenant)
                  and (cast(:prefix as text) is null or action like :prefix || '%')
                  and (cast(:before as bigint) is null or seq < :before)
                order by seq desc limit :limit
                """)
                .param("tenant", scope == null ? null : scope.value())
                .param("prefix", actionPrefix == null || actionPrefix.isBlank() ? null : actionPrefix)
                .param("before", beforeSeq).param("limit", bounded)
                .query(AuditTrail::mapRecord).list().stream()
                .map(r -> scopedToOwnTenant ? redactOtherTenant(r, actor.institutionId()) : r)
                .toList();
    }

    /**
     * An institution sees its own people's attempts on other tenants, but not which tenant owned the target or
     * whether it existed: that would turn the audit page into an oracle for probing other institutions.
     */
    private static AuditRecord redactOtherTenant(AuditRecord r, InstitutionId own) {
        if (r.targetInstitution() == null || r.targetInstitution().equals(own.value())) {
            return r;
        }
        return new AuditRecord(r.seq(), r.recordedAt(), r.actor(), r.actorInstitution(), r.action(), r.targetType(),
                null, "(another tenant)", r.outcome(), "{\"redacted\":\"target belongs to another tenant\"}",
                r.remoteAddress(), r.prevHash(), r.hash());
    }

    /** Counts records of one action since an instant (dashboard figures such as failed logins today). */
    public long countSince(String action, Instant since) {
        return jdbc.sql("select count(*) from audit_log where action = :action and recorded_at >= :since")
                .param("action", action).param("since", java.sql.Timestamp.from(since))
                .query(Long.class).single();
    }

    public ChainVerification verify(Actor actor) {
        if (!actor.may(Permission.AUDIT_VERIFY, InstitutionId.HUB)) {
            recordDenied(actor, "audit.verify", "audit_log", null, null, "missing permission AUDIT_VERIFY");
            throw new AccessRefusedException("verifying the audit trail needs the AUDIT_VERIFY permission");
        }
        ChainVerification result = verifyChain(null);
        lastCheck.set(new CheckedChain(result, clock.instant()));
        record(actor, AuditEntry.success("audit.verified", "audit_log", null, null)
                .with("intact", Boolean.toString(result.intact()))
                .with("records", Long.toString(result.recordsChecked())));
        return result;
    }

    /**
     * The latest verification when it is younger than {@code maxAge}, else a new one: pages that show the chain's
     * state on every view must not walk the whole chain (and add an audit record) each time.
     */
    public CheckedChain recentVerification(Actor actor, java.time.Duration maxAge) {
        CheckedChain last = lastCheck.get();
        if (last != null && last.checkedAt().isAfter(clock.instant().minus(maxAge))
                && actor.may(Permission.AUDIT_VERIFY, InstitutionId.HUB)) {
            return last;
        }
        verify(actor);
        return lastCheck.get();
    }

    /**
     * Walks the whole chain in seq order. Reports the first record whose sequence number, back-link or content
     * does not hold, and a head that points past the last record (records removed from the end).
     *
     * @param progress called after each batch with the number of records checked so far; may be null
     */
    public ChainVerification verifyChain(java.util.function.LongConsumer progress) {
        Head head = readHead();
        long expectedSeq = 1;
        String expectedPrev = AuditChain.GENESIS;
        long checked = 0;
        long after = 0;
        while (true) {
            // Up to the head read before: a record and the head move in one transaction, so records appended while
            // the walk goes on lie beyond it; when the walk reaches the head, the head is read again and followed.
            List<AuditRecord> batch = jdbc.sql("""
                            select * from audit_log where seq > :after and seq <= :head order by seq limit :n
                            """).param("after", after).param("head", head.seq()).param("n", VERIFY_BATCH)
                    .query(AuditTrail::mapRecord).list();
            if (batch.isEmpty()) {
                Head now = readHead();
                if (now.seq() > head.seq()) {
                    head = now;
                    continue;
                }
                break;
            }
            for (AuditRecord r : batch) {
                if (r.seq() != expectedSeq) {
                    String problem = r.seq() > expectedSeq
                            ? "record " + expectedSeq + (r.seq() - expectedSeq > 1 ? " to " + (r.seq() - 1) : "")
                              + " missing: the chain jumps from " + (expectedSeq - 1) + " to " + r.seq()
                            : "record " + r.seq() + " is out of order";
                    return new ChainVerification(false, checked, head.seq(), expectedSeq, problem);
                }
                if (!r.prevHash().equals(expectedPrev)) {
                    return new ChainVerification(false, checked, head.seq(), r.seq(),
                            "record " + r.seq() + " does not link to record " + (r.seq() - 1)
                                    + ": its prev_hash differs from that record's hash (a record was removed, "
                                    + "inserted or reordered)");
                }
                String recomputed = AuditChain.hash(r);
                if (!recomputed.equals(r.hash())) {
                    return new ChainVerification(false, checked, head.seq(), r.seq(),
                            "record " + r.seq() + " was altered: its content no longer matches its hash");
                }
                expectedPrev = r.hash();
                expectedSeq++;
                checked++;
            }
            after = batch.getLast().seq();
            if (progress != null) {
                progress.accept(checked);
            }
        }
        // A record past the head that the head never moved to was written around the chain, not through it.
        long beyond = jdbc.sql("select count(*) from audit_log where seq > :head").param("head", head.seq())
                .query(Long.class).single();
        if (beyond > 0 && readHead().seq() == head.seq()) {
            return new ChainVerification(false, checked, head.seq(), head.seq() + 1, beyond
                    + " record(s) after the chain head (" + head.seq() + ") that the head never moved to");
        }
        if (head.seq() != checked || !head.hash().equals(expectedPrev)) {
            return new ChainVerification(false, checked, head.seq(), checked + 1,
                    head.seq() > checked
                            ? "records " + (checked + 1) + " to " + head.seq() + " missing from the end of the chain"
                            : "the chain head (" + head.seq() + ") does not match the last record (" + checked + ")");
        }
        return new ChainVerification(true, checked, head.seq(), null, null);
    }

    private Head readHead() {
        return jdbc.sql("select seq, hash from audit_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
    }

    private static AuditRecord mapRecord(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(rs.getLong("seq"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("actor"),
                rs.getString("actor_institution"), rs.getString("action"), rs.getString("target_type"),
                rs.getString("target_id"), rs.getString("target_institution"),
                AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("details"),
                rs.getString("remote_address"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static String currentRemoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private record Head(long seq, String hash) {
    }
}
