package org.finres.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.finres.detection.internal.indicator.HitSink;
import org.finres.detection.internal.indicator.Indicator;
import org.finres.detection.internal.indicator.IndicatorIndex;
import org.finres.detection.internal.indicator.IndicatorType;

/**
 * Indicator lookups/s with a million indicators on one core, against the cheapest possible exact lookup measured in
 * the same run: {@code HashSet<String>.contains} of the same observable strings in a set of the million canonical
 * values. The baseline does far less (no normalisation, no parent domains, no networks, no URL host) and its strings
 * cache their hash codes after the first pass; the ratio says what the real semantics cost. Also reports the build
 * time and the retained heap of both.
 */
public final class IndicatorBenchmark {

    private static final long SEED = 20_261_201L;
    private static final String[] TLDS = {"com", "net", "org", "ru", "cn", "top", "xyz", "info", "io", "tw"};
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random = new Random(SEED);
    private final List<String> ipv4 = new ArrayList<>();
    private final List<long[]> networks = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final List<String> hashes = new ArrayList<>();
    private final List<String> emails = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.indicators", 1_000_000);
        int observableCount = Integer.getInteger("bench.observables", 2_000_000);
        new IndicatorBenchmark().run(count, observableCount);
    }

    private void run(int count, int observableCount) throws Exception {
        long start = System.nanoTime();
        List<Indicator> indicators = indicators(count);
        System.out.printf("%,d indicators generated and parsed in %.1f s: %s%n", indicators.size(), seconds(start),
                mix(indicators));

        long before = usedHeap();
        start = System.nanoTime();
        IndicatorIndex index = IndicatorIndex.of(indicators);
        double indexBuild = seconds(start);
        long indexHeap = usedHeap() - before;

        before = usedHeap();
        start = System.nanoTime();
        Set<String> baselineSet = new HashSet<>();
        for (Indicator indicator : indicators) {
            // Copies with their own bytes (new String(String) would share them), as a set of stored values holds.
            baselineSet.add(new String(indicator.value().toCharArray()));
        }
        double setBuild = seconds(start);
        long setHeap = usedHeap() - before;

        String[] observables = observables(observableCount);
        System.out.printf("%,d observables (IPv4, IPv6, host names, URLs, hashes, e-mail addresses)%n",
                observables.length);

        long[] hits = new long[1];
        HitSink sink = hit -> hits[0]++;
        double indexRate = 0;
        double baselineRate = 0;
        long indexHits = 0;
        long baselineHits = 0;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (int round = 0; round < 5; round++) {
            hits[0] = 0;
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            start = System.nanoTime();
            for (String observable : observables) {
                index.match(observable, sink);
            }
            indexRate = Math.max(indexRate, observables.length / seconds(start));
            allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            indexHits = hits[0];

            start = System.nanoTime();
            long found = 0;
            for (String observable : observables) {
                if (baselineSet.contains(observable)) {
                    found++;
                }
            }
            baselineRate = Math.max(baselineRate, observables.length / seconds(start));
            baselineHits = found;
        }

        System.out.println();
        System.out.println("| measure (1 core, " + String.format("%,d", indicators.size()) + " indicators) "
                + "| lookups/s | ratio to baseline | build | retained heap |");
        System.out.println("| --- | --- | --- | --- | --- |");
        System.out.printf("| HashSet<String>.contains (baseline) | %,.0f | 1.00 | %.2f s | %,d MB |%n", baselineRate,
                setBuild, setHeap >> 20);
        System.out.printf("| IndicatorIndex.match | %,.0f | %.2f | %.2f s | %,d MB (arrays %,d MB) |%n", indexRate,
                indexRate / baselineRate, indexBuild, indexHeap >> 20, index.heapBytes() >> 20);
        System.out.printf("index heap / HashSet heap: %.2f%n", (double) indexHeap / setHeap);
        System.out.printf("hits per pass: index %,d (%.1f%% of observables), baseline exact %,d%n", indexHits,
                100.0 * indexHits / observables.length, baselineHits);
        System.out.printf("index allocation: %.1f bytes per lookup (hits and URL normalisation)%n",
                (double) allocated / observables.length);

        System.out.println();
        System.out.println("| observable kind | share | index lookups/s | baseline lookups/s | ratio |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int kind = 0; kind < KINDS.length; kind++) {
            List<String> group = new ArrayList<>();
            for (int i = 0; i < observables.length; i++) {
                if (kinds[i] == kind) {
                    group.add(observables[i]);
                }
            }
            String[] of = group.toArray(String[]::new);
            double indexKind = 0;
            double baselineKind = 0;
            for (int round = 0; round < 3; round++) {
                start = System.nanoTime();
                for (String observable : of) {
                    index.match(observable, sink);
                }
                indexKind = Math.max(indexKind, of.length / seconds(start));
                start = System.nanoTime();
                long found = 0;
                for (String observable : of) {
                    found += baselineSet.contains(observable) ? 1 : 0;
                }
                baselineKind = Math.max(baselineKind, of.length / seconds(start));
                hits[0] += found;
            }
            System.out.printf("| %s | %.0f%% | %,.0f | %,.0f | %.2f |%n", KINDS[kind],
                    100.0 * of.length / observables.length, indexKind, baselineKind, indexKind / baselineKind);
        }
    }

    private static final String[] KINDS = {"IPv4", "IPv6", "host name", "URL", "hash", "e-mail"};
    private byte[] kinds;

    // ---- indicators: a realistic feed mix

    private List<Indicator> indicators(int count) {
        List<Indicator> indicators = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            String type;
            String value;
            if (kind < 25) {
                type = "ipv4";
                value = randomIpv4();
                ipv4.add(value);
            } else if (kind < 29) {
                int prefix = 16 + random.nextInt(15);
                long network = (random.nextLong() & 0xffffffffL) & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
                type = "cidr";
                value = ((network >>> 24) & 0xff) + "." + ((network >>> 16) & 0xff) + "." + ((network >>> 8) & 0xff)
                        + "." + (network & 0xff) + "/" + prefix;
                networks.add(new long[]{network, prefix});
            } else if (kind < 30) {
                type = "cidr";
                value = String.format("2001:db8:%x::/48", random.nextInt(65536));
            } else if (kind < 33) {
                type = "ipv6";
                value = randomIpv6();
            } else if (kind < 60) {
                type = "domain";
                value = randomDomain();
                domains.add(value);
            } else if (kind < 75) {
                type = "url";
                value = randomUrl(randomDomain());
                urls.add(value);
            } else if (kind < 98) {
                int digits = kind < 83 ? 32 : kind < 88 ? 40 : 64;
                type = digits == 32 ? "md5" : digits == 40 ? "sha1" : "sha256";
                value = randomHex(digits);
                hashes.add(value);
            } else {
                type = "email";
                value = randomWord(4, 10) + "@" + randomDomain();
                emails.add(value);
            }
            indicators.add(Indicator.parse(type, value, i));
        }
        return indicators;
    }

    private static String mix(List<Indicator> indicators) {
        EnumMap<IndicatorType, Integer> byType = new EnumMap<>(IndicatorType.class);
        indicators.forEach(i -> byType.merge(i.type(), 1, Integer::sum));
        StringBuilder text = new StringBuilder();
        byType.forEach((type, n) -> text.append(text.isEmpty() ? "" : ", ").append(type.code()).append(' ')
                .append(String.format("%,d", n)));
        return text.toString();
    }

    // ---- observables: mostly misses, as in real traffic

    private String[] observables(int count) {
        String[] observables = new String[count];
        kinds = new byte[count];
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            kinds[i] = (byte) (kind < 30 ? 0 : kind < 35 ? 1 : kind < 60 ? 2 : kind < 75 ? 3 : kind < 95 ? 4 : 5);
            boolean hit = random.nextInt(100) < 4;
            String observable;
            if (kind < 30) {
                if (hit && random.nextBoolean()) {
                    observable = pick(ipv4);
                } else if (hit) {
                    long[] network = networks.get(random.nextInt(networks.size()));
                    long address = network[0] | (random.nextLong() & ((1L << (32 - network[1])) - 1));
                    observable = ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
                            + ((address >>> 8) & 0xff) + "." + (address & 0xff);
                } else {
                    observable = randomIpv4();
                }
            } else if (kind < 35) {
                observable = randomIpv6();
            } else if (kind < 60) {
                observable = hit ? "www." + pick(domains) : randomWord(3, 8) + "." + randomDomain();
            } else if (kind < 75) {
                observable = hit ? (random.nextBoolean() ? pick(urls) : randomUrl(pick(domains)))
                        : randomUrl(randomDomain());
            } else if (kind < 95) {
                observable = hit ? pick(hashes).toUpperCase() : randomHex(new int[]{32, 40, 64}[random.nextInt(3)]);
            } else {
                observable = hit ? pick(emails) : randomWord(4, 10) + "@" + randomDomain();
            }
            observables[i] = observable;
        }
        return observables;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String randomIpv4() {
        int address = random.nextInt();
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private String randomIpv6() {
        return String.format("2001:db8:%x:%x::%x", random.nextInt(65536), random.nextInt(65536),
                1 + random.nextInt(65535));
    }

    private String randomDomain() {
        String name = randomWord(5, 12) + "." + TLDS[random.nextInt(TLDS.length)];
        return random.nextInt(5) == 0 ? randomWord(2, 6) + "." + name : name;
    }

    private String randomUrl(String host) {
        StringBuilder url = new StringBuilder(random.nextInt(4) == 0 ? "http://" : "https://").append(host);
        int segments = 1 + random.nextInt(3);
        for (int s = 0; s < segments; s++) {
            url.append('/').append(randomWord(3, 10));
        }
        if (random.nextBoolean()) {
            url.append(".php?id=").append(random.nextInt(100_000));
        }
        return url.toString();
    }

    private String randomWord(int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(ALNUM.charAt(random.nextInt(i == 0 ? 26 : ALNUM.length())));
        }
        return word.toString();
    }

    private String randomHex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private IndicatorBenchmark() {
    }
}
