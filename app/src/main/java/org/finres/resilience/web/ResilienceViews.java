package org.finres.resilience.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.finres.resilience.MonteCarloJob;
import org.finres.resilience.RegisterAnalysis;
import org.finres.resilience.RegisterVersion;
import org.finres.resilience.ScenarioOutcome;
import org.finres.resilience.engine.DurationText;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.analysis.Breach;
import org.finres.resilience.engine.analysis.EffectiveRecovery;
import org.finres.resilience.engine.analysis.MonteCarloResult;
import org.finres.resilience.engine.analysis.RestorationPlan;
import org.finres.resilience.engine.analysis.ScenarioResult;
import org.finres.resilience.engine.analysis.ServiceImpact;
import org.finres.resilience.engine.analysis.SinglePointOfFailure;

/**
 * The API's JSON shapes of the engine's results: ids as strings, durations in the register's compact form
 * ({@code 4h}, {@code 1h30m}, negative with a minus), so a response reads like the register it came from.
 */
final class ResilienceViews {

    private ResilienceViews() {
    }

    static String d(Duration d) {
        return d == null ? null : DurationText.format(d);
    }

    static List<String> ids(List<ElementId> ids) {
        return ids.stream().map(ElementId::value).toList();
    }

    record VersionView(String institution, int version, String format, int services, int components,
                       int singlePointsOfFailure, int hiddenSinglePointsOfFailure, String uploadedBy,
                       Instant uploadedAt) {
        static VersionView of(RegisterVersion v) {
            return new VersionView(v.institution().value(), v.version(), v.format().name().toLowerCase(), v.services(),
                    v.components(), v.singlePointsOfFailure(), v.hiddenSinglePointsOfFailure(), v.uploadedBy(),
                    v.uploadedAt());
        }
    }

    record BreachView(String kind, String tolerated, String actual, String excess, Integer minimumPercent,
                      Integer availablePercent) {
        static BreachView of(Breach b) {
            return switch (b) {
                case Breach.Downtime t -> new BreachView("downtime", d(t.tolerated()), d(t.actual()), d(t.excess()),
                        null, null);
                case Breach.DataLoss l -> new BreachView("data-loss", d(l.tolerated()), d(l.actual()), d(l.excess()),
                        null, null);
                case Breach.ServiceLevel s -> new BreachView("service-level", null, null, null, s.minimumPercent(),
                        s.availablePercent());
            };
        }
    }

    record ImpactView(String service, String downtime, String dataLoss, int capacityPercent,
                      boolean throughRedundancyOnly, boolean breached, List<BreachView> breaches) {
        static ImpactView of(ServiceImpact i) {
            return new ImpactView(i.service().value(), d(i.downtime()), d(i.dataLoss()), i.capacityPercent(),
                    i.throughRedundancyOnly(), i.breached(), i.breaches().stream().map(BreachView::of).toList());
        }
    }

    record ScenarioView(String scenario, List<String> failed, List<ImpactView> impacts, List<String> defeatedGroups) {
        static ScenarioView of(ScenarioResult r) {
            return new ScenarioView(r.scenario(), ids(r.failed()), r.impacts().stream().map(ImpactView::of).toList(),
                    ids(r.defeatedGroups()));
        }
    }

    record RecoveryView(String service, String maxTolerableDowntime, String declaredRto, String declaredRpo,
                        String effectiveRto, String rtoSetBy, String effectiveRpo, String rpoSetBy,
                        boolean meetsDeclaredRto, boolean meetsDeclaredRpo, boolean withinTolerance) {
        static RecoveryView of(EffectiveRecovery e) {
            return new RecoveryView(e.service().value(), d(e.tolerance().maxTolerableDowntime()), d(e.tolerance().rto()),
                    d(e.tolerance().rpo()), d(e.effectiveRto()), e.rtoSetBy().map(ElementId::value).orElse(null),
                    d(e.effectiveRpo()), e.rpoSetBy().map(ElementId::value).orElse(null), e.meetsDeclaredRto(),
                    e.meetsDeclaredRpo(), e.withinTolerance());
        }
    }

    record SpofView(String element, String layer, boolean hidden, List<ImpactView> breached,
                    List<String> defeatedGroups) {
        static SpofView of(SinglePointOfFailure s) {
            return new SpofView(s.element().value(), s.layer().formatName(), s.hidden(),
                    s.breached().stream().map(ImpactView::of).toList(), ids(s.defeatedGroups()));
        }
    }

    record PriorityView(int rank, String service, String maxTolerableDowntime, String downtime, String headroom) {
    }

    record StepView(int order, String element, String layer, String rto, List<String> forServices) {
        static StepView of(RestorationPlan.Step s) {
            return new StepView(s.order(), s.element().value(), s.layer().formatName(), d(s.rto()), ids(s.forServices()));
        }
    }

    record PlanView(String scenario, List<PriorityView> services, List<StepView> steps) {
        static PlanView of(RestorationPlan p) {
            if (p == null) {
                return null;
            }
            return new PlanView(p.scenario(), p.services().stream().map(s -> new PriorityView(s.rank(),
                    s.service().value(), d(s.maxTolerableDowntime()), d(s.downtime()), d(s.headroom()))).toList(),
                    p.steps().stream().map(StepView::of).toList());
        }
    }

    record AnalysisView(VersionView register, List<RecoveryView> effectiveRecovery,
                        List<SpofView> singlePointsOfFailure, List<ScenarioView> breachingLosses,
                        List<ScenarioView> wholeLayers, PlanView worstLossRestoration) {
        static AnalysisView of(RegisterAnalysis a) {
            return new AnalysisView(VersionView.of(a.version()),
                    a.sweep().effectiveRecovery().stream().map(RecoveryView::of).toList(),
                    a.sweep().singlePointsOfFailure().stream().map(SpofView::of).toList(),
                    a.sweep().breaching().stream().map(ScenarioView::of).toList(),
                    a.wholeLayers().stream().map(ScenarioView::of).toList(), PlanView.of(a.worstLossRestoration()));
        }
    }

    record OutcomeView(int registerVersion, String scenarioCode, ScenarioView result, PlanView restoration) {
        static OutcomeView of(ScenarioOutcome o) {
            return new OutcomeView(o.version().version(), o.spec().code(), ScenarioView.of(o.result()),
                    PlanView.of(o.restoration()));
        }
    }

    record OutlookView(String service, String p50, String p90, String p95, String p99, String max, String mean,
                       double outageProbability, double breachProbability, double dataLossBreachProbability) {
        static OutlookView of(MonteCarloResult.ServiceOutlook o) {
            return new OutlookView(o.service().value(), d(o.p50()), d(o.p90()), d(o.p95()), d(o.p99()), d(o.max()),
                    d(o.mean()), o.outageProbability(), o.breachProbability(), o.dataLossBreachProbability());
        }
    }

    record JobView(String id, String institution, int registerVersion, String state, int done, int total, long seed,
                   double defaultProbability, List<OutlookView> services, String error, Instant startedAt,
                   Instant finishedAt) {
        static JobView of(MonteCarloJob j) {
            return new JobView(j.id().toString(), j.institution().value(), j.registerVersion(),
                    j.state().name().toLowerCase(), j.done(), j.trials(), j.seed(), j.defaultProbability(),
                    j.result() == null ? null : j.result().services().stream().map(OutlookView::of).toList(),
                    j.error(), j.startedAt(), j.finishedAt());
        }
    }

    record InstitutionReportView(String institution, String name, Instant generatedAt, VersionView register,
                                 List<RecoveryView> effectiveRecovery, List<SpofView> singlePointsOfFailure,
                                 int breachingLosses, List<DrillView> drills,
                                 List<org.finres.resilience.QuarterTrend> quarters) {
        static InstitutionReportView of(org.finres.resilience.ResilienceReport.Institution r) {
            return new InstitutionReportView(r.institution().value(), r.name(), r.generatedAt(),
                    r.register() == null ? null : VersionView.of(r.register()),
                    r.effectiveRecovery().stream().map(RecoveryView::of).toList(),
                    r.singlePointsOfFailure().stream().map(SpofView::of).toList(), r.breachingLosses(),
                    r.drills().stream().map(DrillView::of).toList(),
                    r.quarters());
        }
    }

    record OperationView(String id, String institution, String kind, String title, String scenario,
                         int registerVersion, boolean open, Instant openedAt, String openedBy, Instant closedAt,
                         List<org.finres.resilience.Operation.ServiceRow> services, PlanView restoration,
                         java.util.Set<String> doneSteps, List<StepView> nextSteps,
                         List<org.finres.resilience.Operation.Note> notes) {
        static OperationView of(org.finres.resilience.Operation o) {
            return new OperationView(o.id().toString(), o.institution().value(), o.kind().name(), o.title(),
                    o.scenario().code(), o.registerVersion(), o.open(), o.openedAt(), o.openedBy(), o.closedAt(),
                    o.services(), PlanView.of(o.plan()), o.doneSteps(), o.nextSteps().stream().map(StepView::of).toList(),
                    o.notes());
        }
    }

    record DrillView(String id, String institution, List<String> services, String outcome, boolean passed,
                     Instant startedAt, Long detectionMs, Long switchoverMs, Long recoveryMs, Long transfersAcked,
                     Long transfersLost, String signerFingerprint, boolean verified, Instant receivedAt,
                     String submittedBy) {
        static DrillView of(org.finres.resilience.ResilienceDrill d) {
            return new DrillView(d.id().toString(), d.institution().value(), d.services(), d.outcome(), d.passed(),
                    d.startedAt(), d.detectionMs(), d.switchoverMs(), d.recoveryMs(), d.transfersAcked(),
                    d.transfersLost(), d.signerFingerprint(), d.verified(), d.receivedAt(), d.submittedBy());
        }
    }

    record SectorRowView(String institution, String name, Integer registerVersion, int services, int components,
                         int singlePointsOfFailure, int hiddenSinglePointsOfFailure, int drills, int drillsPassed,
                         int drillsFailed, String lastDrillOutcome) {
        static SectorRowView of(org.finres.resilience.SectorRow r) {
            return new SectorRowView(r.institution().value(), r.name(), r.registerVersion(), r.services(),
                    r.components(), r.singlePointsOfFailure(), r.hiddenSinglePointsOfFailure(), r.drills(),
                    r.drillsPassed(), r.drillsFailed(), r.lastDrillOutcome());
        }
    }

    record ConcentrationView(String layer, String key, List<String> names, List<String> institutions,
                             List<String> services, List<String> institutionsBreached, int servicesBreached) {
        static ConcentrationView of(org.finres.resilience.ConcentrationRow c) {
            return new ConcentrationView(c.layer().formatName(), c.key(), c.names(), c.institutions(), c.services(),
                    c.institutionsBreached(), c.servicesBreached());
        }
    }

    record SectorReportView(Instant generatedAt, List<SectorRowView> institutions,
                            List<ConcentrationView> concentration, List<org.finres.resilience.QuarterTrend> quarters) {
        static SectorReportView of(org.finres.resilience.ResilienceReport.Sector s) {
            return new SectorReportView(s.generatedAt(), s.institutions().stream().map(SectorRowView::of).toList(),
                    s.concentration().stream().map(ConcentrationView::of).toList(), s.quarters());
        }
    }
}
