package org.finres.resilience.engine.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.finres.resilience.engine.Component;
import org.finres.resilience.engine.Dependency;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.ImpactTolerance;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.RedundancyGroup;
import org.finres.resilience.engine.RedundancyMode;
import org.finres.resilience.engine.Register;

/**
 * Builds a register of exactly N elements, the same for the same seed: cloud providers with regions and zones,
 * sites on two carriers each, replicated data-store pairs, applications active-active over two sites, processes
 * and services. Every element's loss alone stays within every tolerance (no downtime over 3 h where the shortest
 * tolerance is 4 h, no data loss over 1 min where the smallest RPO is 5 min, capacity never under 50 %), except the
 * planted one: a carrier that both sites of one replicated service reach alone, lost for 48 h.
 */
public final class RegisterGenerator {

    /** Below this the layers cannot all be populated. */
    public static final int MIN_NODES = 100;

    private static final Duration[] TOLERANCES = {Duration.ofHours(4), Duration.ofHours(6), Duration.ofHours(8),
            Duration.ofHours(12), Duration.ofHours(24)};
    private static final Duration[] RPOS = {Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final SplittableRandom random;
    private final List<ImportantService> services = new ArrayList<>();
    private final List<Component> components = new ArrayList<>();
    private final List<ElementId> azs = new ArrayList<>();
    private final List<Integer> azRegion = new ArrayList<>();
    private final List<ElementId> sites = new ArrayList<>();
    private final List<Integer> siteAz = new ArrayList<>();
    private final List<ElementId> carriers = new ArrayList<>();
    private final List<ElementId> suppliers = new ArrayList<>();
    private final List<ElementId[]> storePairs = new ArrayList<>();
    private final List<ElementId> apps = new ArrayList<>();
    private final List<ElementId> processes = new ArrayList<>();
    private int groups;

    private RegisterGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static GeneratedRegister generate(long seed, int nodes) {
        if (nodes < MIN_NODES) {
            throw new IllegalArgumentException("a generated register has at least " + MIN_NODES + " nodes, not "
                    + nodes);
        }
        return new RegisterGenerator(seed).build(nodes);
    }

    private GeneratedRegister build(int n) {
        int providers = Math.max(1, n / 2_000);
        int suppliersCount = Math.max(2, n / 100);
        int carriersCount = Math.max(3, n / 250);
        int sitesCount = Math.max(6, n / 25);
        int infra = providers * 13 + suppliersCount + carriersCount + sitesCount;
        int planted = 8;
        int rest = n - infra - planted;
        int servicesCount = Math.max(2, rest * 8 / 100);
        int processCount = Math.max(2, rest * 17 / 100);
        int appCount = Math.max(2, rest * 30 / 100);
        int storeCount = rest - servicesCount - processCount - appCount;

        for (int s = 0; s < suppliersCount; s++) {
            ElementId id = id("supplier", s);
            suppliers.add(id);
            components.add(component(id, Layer.SUPPLIER, Duration.ofHours(2), Duration.ZERO,
                    Optional.of("lei:GEN" + s), List.of()));
        }
        for (int c = 0; c < carriersCount; c++) {
            ElementId id = id("carrier", c);
            carriers.add(id);
            components.add(component(id, Layer.NETWORK_CARRIER, Duration.ofHours(3), Duration.ZERO,
                    Optional.of("carrier:gen-" + c), List.of()));
        }
        int regionIndex = 0;
        for (int p = 0; p < providers; p++) {
            ElementId provider = id("cloud", p);
            components.add(component(provider, Layer.CLOUD_PROVIDER, Duration.ofHours(3), Duration.ZERO,
                    Optional.of("cloud:gen-" + p), List.of(new Dependency.Direct(pick(suppliers)))));
            for (int r = 0; r < 3; r++, regionIndex++) {
                ElementId region = id("region", regionIndex);
                components.add(component(region, Layer.REGION, Duration.ofHours(3), Duration.ZERO,
                        Optional.of("cloud:gen-" + p + ":" + r), List.of(new Dependency.Direct(provider))));
                for (int z = 0; z < 3; z++) {
                    ElementId az = id("az", azs.size());
                    azs.add(az);
                    azRegion.add(regionIndex);
                    components.add(component(az, Layer.AVAILABILITY_ZONE, Duration.ofHours(2), Duration.ZERO,
                            Optional.empty(), List.of(new Dependency.Direct(region))));
                }
            }
        }
        ElementId plantedCarrier = id("carrier", carriersCount);
        for (int s = 0; s < sitesCount; s++) {
            int az = s % azs.size();
            ElementId site = id("site", s);
            sites.add(site);
            siteAz.add(az);
            ElementId first = pick(carriers);
            ElementId second = other(carriers, first);
            // Some sites have the planted carrier as one of their two: it is everywhere, and harmless there.
            if (s % 7 == 3) {
                second = plantedCarrier;
            }
            components.add(component(site, Layer.SITE, Duration.ofHours(3), Duration.ZERO, Optional.empty(),
                    List.of(new Dependency.Direct(azs.get(az)), group(RedundancyMode.ACTIVE_ACTIVE,
                            Duration.ofMinutes(1), Duration.ZERO, first, second))));
        }
        for (int d = 0; d + 1 < storeCount; d += 2) {
            ElementId a = id("ds", d);
            ElementId b = id("ds", d + 1);
            int siteA = random.nextInt(sites.size());
            int siteB = siteInOtherZone(siteA);
            components.add(component(a, Layer.DATA_STORE, Duration.ofHours(2), Duration.ofMinutes(1),
                    Optional.empty(), List.of(new Dependency.Direct(sites.get(siteA)))));
            components.add(component(b, Layer.DATA_STORE, Duration.ofHours(2), Duration.ofMinutes(1),
                    Optional.empty(), List.of(new Dependency.Direct(sites.get(siteB)))));
            storePairs.add(new ElementId[] {a, b});
        }
        if (storeCount % 2 == 1) {
            // One unreplicated store: its 2 h recovery and 1 min recovery point are within every tolerance.
            ElementId single = id("ds", storeCount - 1);
            components.add(component(single, Layer.DATA_STORE, Duration.ofHours(2), Duration.ofMinutes(1),
                    Optional.empty(), List.of(new Dependency.Direct(sites.get(random.nextInt(sites.size()))))));
        }
        for (int a = 0; a < appCount; a++) {
            ElementId app = id("app", a);
            List<Dependency> deps = new ArrayList<>();
            int siteA = random.nextInt(sites.size());
            deps.add(group(RedundancyMode.ACTIVE_ACTIVE, Duration.ofMinutes(1), Duration.ZERO, sites.get(siteA),
                    sites.get(siteInOtherZone(siteA))));
            ElementId[] pair = storePairs.get(random.nextInt(storePairs.size()));
            deps.add(group(RedundancyMode.ACTIVE_PASSIVE, Duration.ofMinutes(5 + random.nextInt(11)),
                    Duration.ofSeconds(random.nextInt(31)), pair[0], pair[1]));
            if (random.nextInt(10) < 3) {
                deps.add(new Dependency.Direct(pick(suppliers)));
            }
            if (a > 0 && random.nextInt(10) < 2) {
                deps.add(new Dependency.Direct(apps.get(random.nextInt(apps.size()))));   // earlier apps only: no cycle
            }
            apps.add(app);
            components.add(component(app, Layer.APPLICATION, Duration.ofHours(1), Duration.ZERO, Optional.empty(),
                    deps));
        }
        for (int p = 0; p < processCount; p++) {
            ElementId process = id("proc", p);
            List<Dependency> deps = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (ElementId app : distinct(apps, count)) {
                deps.add(new Dependency.Direct(app));
            }
            processes.add(process);
            components.add(component(process, Layer.PROCESS, Duration.ofMinutes(30), Duration.ZERO,
                    Optional.empty(), deps));
        }
        for (int s = 0; s < servicesCount; s++) {
            List<Dependency> deps = new ArrayList<>();
            for (ElementId p : distinct(processes, 1 + random.nextInt(3))) {
                deps.add(new Dependency.Direct(p));
            }
            services.add(service(id("svc", s), deps));
        }

        // The plant: a replicated payments service whose two sites reach the outside over the same single carrier.
        components.add(component(plantedCarrier, Layer.NETWORK_CARRIER, Duration.ofHours(48), Duration.ZERO,
                Optional.of("carrier:gen-planted"), List.of()));
        int zoneA = 0;
        int zoneB = azs.size() > 1 ? 1 : 0;
        ElementId siteA = id("site", sitesCount);
        ElementId siteB = id("site", sitesCount + 1);
        components.add(component(siteA, Layer.SITE, Duration.ofHours(3), Duration.ZERO, Optional.empty(),
                List.of(new Dependency.Direct(azs.get(zoneA)), new Dependency.Direct(plantedCarrier))));
        components.add(component(siteB, Layer.SITE, Duration.ofHours(3), Duration.ZERO, Optional.empty(),
                List.of(new Dependency.Direct(azs.get(zoneB)), new Dependency.Direct(plantedCarrier))));
        ElementId storeA = id("ds", storeCount);
        ElementId storeB = id("ds", storeCount + 1);
        components.add(component(storeA, Layer.DATA_STORE, Duration.ofHours(2), Duration.ofMinutes(1),
                Optional.empty(), List.of(new Dependency.Direct(siteA))));
        components.add(component(storeB, Layer.DATA_STORE, Duration.ofHours(2), Duration.ofMinutes(1),
                Optional.empty(), List.of(new Dependency.Direct(siteB))));
        ElementId app = id("app", appCount);
        components.add(component(app, Layer.APPLICATION, Duration.ofHours(1), Duration.ZERO, Optional.empty(),
                List.of(group(RedundancyMode.ACTIVE_ACTIVE, Duration.ofMinutes(1), Duration.ZERO, siteA, siteB),
                        group(RedundancyMode.ACTIVE_PASSIVE, Duration.ofMinutes(10), Duration.ofSeconds(30),
                                storeA, storeB))));
        ElementId process = id("proc", processCount);
        components.add(component(process, Layer.PROCESS, Duration.ofMinutes(30), Duration.ZERO, Optional.empty(),
                List.of(new Dependency.Direct(app))));
        ElementId atRisk = id("svc", servicesCount);
        services.add(service(atRisk, List.of(new Dependency.Direct(process))));

        Register register = new Register("generated-" + n, "Generated institution (" + n + " elements)", services,
                components);
        if (register.elements().size() != n) {
            throw new IllegalStateException("generated " + register.elements().size() + " elements, not " + n);
        }
        return new GeneratedRegister(register, plantedCarrier, atRisk);
    }

    private ImportantService service(ElementId id, List<Dependency> deps) {
        Duration mtd = TOLERANCES[random.nextInt(TOLERANCES.length)];
        return new ImportantService(id, "Service " + id.value().substring(4), "Owner of " + id, "Customers of " + id,
                "Generated", new ImpactTolerance(mtd, mtd.dividedBy(2), RPOS[random.nextInt(RPOS.length)], 50), deps);
    }

    private int siteInOtherZone(int site) {
        if (azs.size() == 1) {
            return (site + 1) % sites.size();
        }
        for (int tries = 0; tries < 1_000; tries++) {
            int other = random.nextInt(sites.size());
            if (!siteAz.get(other).equals(siteAz.get(site))) {
                return other;
            }
        }
        return (site + 1) % sites.size();   // sites are spread round-robin over zones: the next is in another
    }

    private Dependency group(RedundancyMode mode, Duration failover, Duration lag, ElementId... members) {
        return new Dependency.Redundant(new RedundancyGroup(id("grp", groups++), mode, failover, lag,
                List.of(members)));
    }

    private ElementId pick(List<ElementId> from) {
        return from.get(random.nextInt(from.size()));
    }

    private ElementId other(List<ElementId> from, ElementId not) {
        ElementId e;
        do {
            e = pick(from);
        } while (e.equals(not));
        return e;
    }

    private List<ElementId> distinct(List<ElementId> from, int count) {
        List<ElementId> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(count, from.size())) {
            ElementId e = pick(from);
            if (!chosen.contains(e)) {
                chosen.add(e);
            }
        }
        return chosen;
    }

    private static Component component(ElementId id, Layer layer, Duration rto, Duration rpo, Optional<String> ref,
                                       List<Dependency> deps) {
        return new Component(id, layer, id.value(), rto, rpo, ref, Optional.empty(), deps);
    }

    private static ElementId id(String prefix, int n) {
        return ElementId.of(prefix + "-" + String.format("%05d", n));
    }
}
