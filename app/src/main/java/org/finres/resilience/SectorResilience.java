package org.finres.resilience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.Institution;
import org.finres.core.Institutions;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.resilience.engine.Component;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.analysis.SectorConcentration;
import org.finres.resilience.internal.ServiceLocations;
import org.springframework.stereotype.Service;

/**
 * The regulator's and the hub's view of the sector's resilience: aggregates over every member's newest register
 * (concentration on shared sites, regions, providers, carriers and suppliers; counts) and drill outcomes per
 * institution. It never hands out a member's register; that stays the member's.
 */
@Service
public class SectorResilience {

    private final ResilienceRegisters registers;
    private final ResilienceDrills drills;
    private final Institutions institutions;
    private final TenantAccess access;
    private final AuditTrail audit;

    public SectorResilience(ResilienceRegisters registers, ResilienceDrills drills, Institutions institutions,
                            TenantAccess access, AuditTrail audit) {
        this.registers = registers;
        this.drills = drills;
        this.institutions = institutions;
        this.access = access;
        this.audit = audit;
    }

    /** Shared dependencies, most institutions first. */
    public List<ConcentrationRow> concentration(Actor actor) {
        access.requireAll(actor, Permission.RESILIENCE_SECTOR, "resilience.sector.concentration",
                "resilience_sector", null);
        audit.record(actor, AuditEntry.success("resilience.sector.concentration_read", "resilience_sector", null, null));
        return concentrationOf(registers.latestOfEach().stream().map(StoredRegister::register).toList());
    }

    static List<ConcentrationRow> concentrationOf(List<Register> all) {
        // Which services reach each shared element, so the table can name them (the engine counts them).
        Map<String, Set<String>> servicesByKey = new LinkedHashMap<>();
        for (Register r : all) {
            ServiceLocations walk = new ServiceLocations(r);
            Map<ElementId, org.finres.resilience.engine.Element> byId = r.byId();
            for (ImportantService s : r.services()) {
                for (ElementId e : walk.reachable(s.id())) {
                    if (byId.get(e) instanceof Component c && c.layer().isInfrastructureOrSupplier()) {
                        servicesByKey.computeIfAbsent(c.layer() + "\u0000" + c.concentrationKey(), k -> new TreeSet<>())
                                .add(r.institution() + ": " + s.name());
                    }
                }
            }
        }
        List<ConcentrationRow> rows = new ArrayList<>();
        for (SectorConcentration.Entry e : SectorConcentration.of(all)) {
            rows.add(new ConcentrationRow(e.layer(), e.key(), List.copyOf(new TreeSet<>(e.names())), e.institutions(),
                    List.copyOf(servicesByKey.getOrDefault(e.layer() + "\u0000" + e.key(), Set.of())),
                    e.institutionsBreached(), e.servicesBreached()));
        }
        return rows;
    }

    /** Every member institution with its register counts and drill outcomes. */
    public List<SectorRow> overview(Actor actor) {
        access.requireAll(actor, Permission.RESILIENCE_SECTOR, "resilience.sector.overview", "resilience_sector", null);
        Map<String, RegisterVersion> versions = new LinkedHashMap<>();
        registers.latestVersionOfEach().forEach(v -> versions.put(v.institution().value(), v));
        Map<String, List<ResilienceDrill>> drillsOf = new LinkedHashMap<>();
        drills.all().forEach(d -> drillsOf.computeIfAbsent(d.institution().value(), k -> new ArrayList<>()).add(d));
        List<SectorRow> rows = new ArrayList<>();
        for (Institution i : institutions.list(actor)) {
            if (!i.kind().isMember()) {
                continue;
            }
            RegisterVersion v = versions.get(i.id().value());
            List<ResilienceDrill> ds = drillsOf.getOrDefault(i.id().value(), List.of());
            int passed = (int) ds.stream().filter(ResilienceDrill::passed).count();
            rows.add(new SectorRow(i.id(), i.name(), v == null ? null : v.version(), v == null ? 0 : v.services(),
                    v == null ? 0 : v.components(), v == null ? 0 : v.singlePointsOfFailure(),
                    v == null ? 0 : v.hiddenSinglePointsOfFailure(), ds.size(), passed, ds.size() - passed,
                    ds.isEmpty() ? null : ds.getFirst().outcome()));
        }
        return rows;
    }
}
