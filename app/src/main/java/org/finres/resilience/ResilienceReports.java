package org.finres.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Register;
import org.springframework.stereotype.Service;

/** Builds the institution and sector reports from the registers and drills, with the same access rules as they. */
@Service
public class ResilienceReports {

    private static final int TOP_CONCENTRATIONS = 25;

    private final ResilienceRegisters registers;
    private final ResilienceAnalyses analyses;
    private final ResilienceDrills drills;
    private final SectorResilience sector;
    private final Institutions institutions;
    private final AuditTrail audit;
    private final Clock clock;

    public ResilienceReports(ResilienceRegisters registers, ResilienceAnalyses analyses, ResilienceDrills drills,
                             SectorResilience sector, Institutions institutions, AuditTrail audit, Clock clock) {
        this.registers = registers;
        this.analyses = analyses;
        this.drills = drills;
        this.sector = sector;
        this.institutions = institutions;
        this.audit = audit;
        this.clock = clock;
    }

    public ResilienceReport.Institution institution(Actor actor, InstitutionId institution) {
        InstitutionId scope = registers.readScope(actor, institution, "resilience.report.institution");
        var stored = registers.latest(scope);
        List<ResilienceDrill> history = drills.byInstitution(scope);
        String name = institutions.find(scope).map(org.finres.core.Institution::name).orElse(scope.value());
        audit.record(actor, AuditEntry.success("resilience.report.generated", "resilience_report", scope.value(), scope));
        if (stored.isEmpty()) {
            return new ResilienceReport.Institution(scope, name, clock.instant(), null, List.of(), List.of(), 0,
                    history, quarters(history, Map.of()));
        }
        RegisterAnalysis a = analyses.analysis(stored.get());
        return new ResilienceReport.Institution(scope, name, clock.instant(), a.version(),
                a.sweep().effectiveRecovery(), a.sweep().singlePointsOfFailure(), a.sweep().breaching().size(),
                history, quarters(history, Map.of(scope.value(), tolerances(a.register()))));
    }

    public ResilienceReport.Sector sector(Actor actor) {
        List<SectorRow> rows = sector.overview(actor);
        List<ConcentrationRow> concentration = sector.concentration(actor);
        Map<String, Map<String, Duration>> tolerances = new HashMap<>();
        registers.latestOfEach().forEach(s -> tolerances.put(s.version().institution().value(), tolerances(s.register())));
        audit.record(actor, AuditEntry.success("resilience.report.generated", "resilience_report", "sector", null));
        return new ResilienceReport.Sector(clock.instant(), rows,
                concentration.subList(0, Math.min(TOP_CONCENTRATIONS, concentration.size())),
                quarters(drills.all(), tolerances));
    }

    private static Map<String, Duration> tolerances(Register register) {
        Map<String, Duration> out = new HashMap<>();
        for (ImportantService s : register.services()) {
            out.put(s.id().value(), s.tolerance().maxTolerableDowntime());
        }
        return out;
    }

    /** Drills per calendar quarter (UTC), oldest first. */
    static List<QuarterTrend> quarters(List<ResilienceDrill> drills, Map<String, Map<String, Duration>> tolerances) {
        Map<String, List<ResilienceDrill>> byQuarter = new TreeMap<>();
        for (ResilienceDrill d : drills) {
            Instant at = d.startedAt() != null ? d.startedAt() : d.receivedAt();
            ZonedDateTime z = at.atZone(ZoneOffset.UTC);
            byQuarter.computeIfAbsent(z.getYear() + "-Q" + ((z.getMonthValue() - 1) / 3 + 1), k -> new ArrayList<>())
                    .add(d);
        }
        List<QuarterTrend> out = new ArrayList<>();
        byQuarter.forEach((q, ds) -> {
            int passed = (int) ds.stream().filter(ResilienceDrill::passed).count();
            List<Long> recoveries = ds.stream().map(ResilienceDrill::recoveryMs).filter(java.util.Objects::nonNull).toList();
            Long mean = recoveries.isEmpty() ? null
                    : Math.round(recoveries.stream().mapToLong(Long::longValue).average().orElse(0));
            int breaches = 0;
            for (ResilienceDrill d : ds) {
                Map<String, Duration> t = tolerances.getOrDefault(d.institution().value(), Map.of());
                if (d.recoveryMs() != null && d.services().stream().map(t::get).filter(java.util.Objects::nonNull)
                        .anyMatch(mtd -> d.recoveryMs() > mtd.toMillis())) {
                    breaches++;
                }
            }
            out.add(new QuarterTrend(q, ds.size(), passed, ds.size() - passed, mean, breaches));
        });
        return out;
    }
}
