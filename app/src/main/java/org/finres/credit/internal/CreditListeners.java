package org.finres.credit.internal;

import java.time.Duration;

import org.finres.core.InstitutionId;
import org.finres.credit.CreditKind;
import org.finres.credit.ScoringRules;
import org.finres.intel.IndicatorShared;
import org.finres.intel.IndicatorsShared;
import org.finres.intel.IntelSighted;
import org.finres.warning.WarningAcknowledged;
import org.finres.warning.WarningEscalated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores what intel and warnings report, once their transaction has committed (a share that rolled back earns
 * nothing), each in a transaction of its own. The hub's own shares and sightings are not scored: it runs the
 * exchange, it is not ranked in it.
 */
@Component
class CreditListeners {

    private static final Logger log = LoggerFactory.getLogger(CreditListeners.class);
    private static final String BY = "system:sharing-credit";

    private final CreditLedger ledger;
    private final CreditRules rules;
    private final TransactionTemplate separate;

    CreditListeners(CreditLedger ledger, CreditRules rules, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.rules = rules;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * All shares of one request in one transaction (a thousand-object POST is one transaction here, not a
     * thousand). Should one share fail to score, the batch is rolled back and each share is scored in a transaction
     * of its own, so that one bad share costs only its own credit.
     */
    @TransactionalEventListener(fallbackExecution = true)
    public void on(IndicatorsShared batch) {
        try {
            separate.executeWithoutResult(s -> batch.shares().forEach(this::score));
        } catch (RuntimeException batchFailed) {
            log.warn("sharing credit could not score a batch of {} shares at once ({}); scoring them one by one",
                    batch.shares().size(), batchFailed.getMessage());
            for (IndicatorShared e : batch.shares()) {
                try {
                    separate.executeWithoutResult(s -> score(e));
                } catch (RuntimeException ex) {
                    log.error("sharing credit could not score {}", e, ex);
                }
            }
        }
    }

    private void score(IndicatorShared e) {
        if (e.submitter().equals(InstitutionId.HUB)) return;
        ScoringRules r = rules.current();
        int bonus = e.exposure() ? r.exposureBonus() : 0;
        String about = e.exposure() && bonus > 0 ? " about an exposure (+" + bonus + ")" : "";
        switch (e.kind()) {
            case FIRST_REPORT -> {
                ledger.remember(new CreditLedger.KnownIndicator(e.stixId(), e.submitter(), e.collection(), e.anonymous(),
                        e.at()), e.patternSha256());
                record(new CreditLedger.Fact(e.submitter(), CreditKind.FIRST_REPORT, r.pointsFor(CreditKind.FIRST_REPORT) + bonus,
                        "first report of an indicator in " + e.collection() + about, e.stixId(), "first:" + e.stixId(),
                        e.anonymous(), e.at()), r);
            }
            case CORROBORATION -> {
                if (ledger.isFalsePositive(e.corroborates())) return;
                record(new CreditLedger.Fact(e.submitter(), CreditKind.CORROBORATION, r.pointsFor(CreditKind.CORROBORATION) + bonus,
                        "corroborated another member's indicator in " + e.collection() + about, e.corroborates(),
                        "corroboration:" + e.corroborates() + ":" + e.submitter().value(), e.anonymous(), e.at()), r);
            }
            case DUPLICATE -> {
                // Already shared: nothing new for the sector, nothing earned.
            }
        }
    }

    /**
     * Once per indicator, sighting member and month: repeated sightings by the same member add nothing more that
     * month, so that one noisy sensor (or a friendly member) cannot farm points for a submitter.
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(IntelSighted s) {
        guarded(s, () -> score(s));
    }

    private void score(IntelSighted s) {
        if (s.sightedBy().equals(s.indicatorSubmitter()) || ledger.isFalsePositive(s.indicatorStixId())) return;
        ScoringRules r = rules.current();
        String month = CreditLedger.monthOf(s.at()).toString();
        boolean anonymous = ledger.indicator(s.indicatorStixId()).map(CreditLedger.KnownIndicator::anonymous).orElse(false);
        String how = s.retroHunt() ? " (retro-hunt)" : "";
        if (!s.indicatorSubmitter().equals(InstitutionId.HUB)) {
            record(new CreditLedger.Fact(s.indicatorSubmitter(), CreditKind.SIGHTING_CONFIRMS_OTHER,
                    r.pointsFor(CreditKind.SIGHTING_CONFIRMS_OTHER), "another member's events held your indicator" + how,
                    s.indicatorStixId(), "sighting:" + s.indicatorStixId() + ":" + s.sightedBy().value() + ":" + month,
                    anonymous, s.at()), r);
        }
        if (!s.sightedBy().equals(InstitutionId.HUB)) {
            record(new CreditLedger.Fact(s.sightedBy(), CreditKind.SIGHTING_REPORTED, r.pointsFor(CreditKind.SIGHTING_REPORTED),
                    "your events held another member's indicator" + how, s.indicatorStixId(),
                    "sighted:" + s.indicatorStixId() + ":" + s.sightedBy().value() + ":" + month, false, s.at()), r);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(WarningAcknowledged a) {
        guarded(a, () -> score(a));
    }

    private void score(WarningAcknowledged a) {
        ScoringRules r = rules.current();
        CreditKind kind = a.inTime() ? CreditKind.TIMELY_ACKNOWLEDGEMENT : CreditKind.LATE_ACKNOWLEDGEMENT;
        String reason = (a.inTime() ? "acknowledged a warning in time, after " : "acknowledged a warning after its deadline, after ")
                + human(a.after());
        record(new CreditLedger.Fact(a.institution(), kind, r.pointsFor(kind), reason, a.warning().toString(),
                "ack:" + a.warning() + ":" + a.institution().value(), false, a.at()), r);
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(WarningEscalated e) {
        guarded(e, () -> score(e));
    }

    private void score(WarningEscalated e) {
        ScoringRules r = rules.current();
        record(new CreditLedger.Fact(e.institution(), CreditKind.ESCALATED, r.pointsFor(CreditKind.ESCALATED),
                "a warning went unacknowledged past its deadline and was escalated", e.warning().toString(),
                "escalated:" + e.warning() + ":" + e.institution().value(), false, e.at()), r);
    }

    /**
     * The fact's own transaction is already committed when this runs: a scoring failure must not turn the member's
     * successful share into an error, so it is logged (with the event) and this scoring's writes are rolled back.
     */
    private static void guarded(Object event, Runnable scoring) {
        try {
            scoring.run();
        } catch (RuntimeException ex) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            log.error("sharing credit could not score {}", event, ex);
        }
    }

    private void record(CreditLedger.Fact fact, ScoringRules r) {
        if (!ledger.record(fact, r.version(), BY)) {
            log.debug("sharing credit: {} already scored", fact.sourceKey());
        }
    }

    private static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return minutes < 120 ? minutes + " min" : (minutes / 60) + " h";
    }
}
