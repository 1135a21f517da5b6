package org.finres.core;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.finres.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Audit records of a transaction are appended when it commits (ADR 029), so that the chain head is the last lock
 * any transaction takes. Each test runs against its own migrated database with a connection per transaction.
 */
class AuditCommitOrderIntegrationTests {

    private final Actor actor = new Actor.SystemProcess("commit-order-test");
    private JdbcClient jdbc;
    private AuditTrail audit;
    private TransactionTemplate tx;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestDatabase.newMigratedDatabase("auditorder");
        jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        audit = new AuditTrail(jdbc, transactions, Clock.systemUTC());
        tx = new TransactionTemplate(transactions);
        jdbc.sql("create table contested (id int primary key)").update();
        jdbc.sql("insert into contested values (1)").update();
    }

    /**
     * The deadlock CI met under concurrent TAXII writes: one transaction audits and then needs a row another holds,
     * while that one, holding the row, audits. With the append at commit neither waits for the other's head lock.
     */
    @Test
    void aTransactionThatAuditedBeforeLockingARowAndOneThatLockedItBeforeAuditingBothCommit() throws Exception {
        // Two threads of our own: the common pool may have one on a small machine, and these must run at once.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch audited = new CountDownLatch(1);
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> auditsFirst = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            audit.record(actor, AuditEntry.success("first.audited", "contested", "1", null));
            audited.countDown();
            await(locked);
            jdbc.sql("select id from contested where id = 1 for update").query(Integer.class).single();
        }), threads);
        CompletableFuture<Void> locksFirst = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            await(audited);
            jdbc.sql("select id from contested where id = 1 for update").query(Integer.class).single();
            locked.countDown();
            pause(300); // lets the other transaction queue for the row before this one audits
            audit.record(actor, AuditEntry.success("second.audited", "contested", "1", null));
        }), threads);

        try {
            CompletableFuture.allOf(auditsFirst, locksFirst).get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(actions()).containsExactly("second.audited", "first.audited");
        assertThat(audit.verifyChain(null).intact()).isTrue();
    }

    @Test
    void recordsOfOneTransactionKeepTheirOrderAndRollBackWithIt() {
        tx.executeWithoutResult(s -> {
            audit.record(actor, AuditEntry.success("test.a", "t", "1", null));
            audit.record(actor, AuditEntry.success("test.b", "t", "2", null));
            audit.record(actor, AuditEntry.success("test.c", "t", "3", null));
        });
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            audit.record(actor, AuditEntry.success("test.rolled.back", "t", "4", null));
            throw new IllegalStateException("the change fails");
        })).hasMessage("the change fails");

        assertThat(actions()).containsExactly("test.a", "test.b", "test.c");
        assertThat(audit.verifyChain(null)).extracting(ChainVerification::intact, ChainVerification::recordsChecked)
                .containsExactly(true, 3L);
    }

    /** An inner REQUIRES_NEW transaction commits its own records, which the outer one's rollback does not take. */
    @Test
    void aNestedNewTransactionCommitsItsOwnRecordsOnly() {
        TransactionTemplate inner = new TransactionTemplate(tx.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            audit.record(actor, AuditEntry.success("outer.before", "t", "1", null));
            inner.executeWithoutResult(i -> audit.record(actor, AuditEntry.success("test.inner", "t", "2", null)));
            audit.record(actor, AuditEntry.success("outer.after", "t", "3", null));
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");

        assertThat(actions()).containsExactly("test.inner");
    }

    @Test
    void aRecordOutsideAnyTransactionIsAppendedAtOnce() {
        audit.record(actor, AuditEntry.success("test.alone", "t", "1", null));
        assertThat(actions()).containsExactly("test.alone");
    }

    /** Work that runs after the commit, still in the finished transaction's scope, must not lose its record. */
    @Test
    void aRecordMadeAfterTheCommitIsAppendedInATransactionOfItsOwn() {
        tx.executeWithoutResult(s -> {
            audit.record(actor, AuditEntry.success("the.change", "t", "1", null));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    audit.record(actor, AuditEntry.success("after.commit", "t", "2", null));
                }
            });
        });
        tx.executeWithoutResult(s -> TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                audit.record(actor, AuditEntry.success("after.an.unaudited.commit", "t", "3", null));
            }
        }));
        assertThat(actions()).containsExactly("the.change", "after.commit", "after.an.unaudited.commit");
        assertThat(audit.verifyChain(null).intact()).isTrue();
    }

    private List<String> actions() {
        return jdbc.sql("select action from audit_log order by seq").query(String.class).list();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
