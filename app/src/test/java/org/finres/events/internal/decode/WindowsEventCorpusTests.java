package org.finres.events.internal.decode;

import org.finres.events.Authentication;
import org.finres.events.BaseEvent;
import org.finres.events.Decoding;
import org.finres.events.DnsActivity;
import org.finres.events.FileSystemActivity;
import org.finres.events.NetworkActivity;
import org.finres.events.OcsfClass;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfValidator;
import org.finres.events.ProcessActivity;
import org.finres.events.RegistryKeyActivity;
import org.finres.events.RegistryValueActivity;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Windows events from the shared corpora: the Sigma regression set (evtx rendered as Event/System/EventData, one
 * or more objects per file) and the OTRF atomic datasets (flat NXLog-style JSON Lines in zips). Each must decode to
 * the class its Sysmon or Security event id calls for, valid, with the fields that matter filled. The OTRF part
 * reads the first {@value #LINES_PER_DATASET} lines of each dataset and decodes up to {@value #PER_EVENT_ID} events
 * of each event id per dataset family, to stay fast (reading all 1.6 GB takes longer than all our other tests); set
 * {@code FINRES_FULL_CORPUS=1} to decode all 647,000.
 */
class WindowsEventCorpusTests {

    private static final int PER_EVENT_ID = 250;
    private static final int LINES_PER_DATASET = 8_000;
    private static final Pattern EVENT_ID = Pattern.compile("\"EventID\"\\s*:\\s*\"?(\\d+)");

    private final WindowsEventDecoder decoder = new WindowsEventDecoder();

    @Test
    void decodesEverySigmaRegressionEventToItsClass() throws IOException {
        Path root = SharedCorpus.require(SharedCorpus.SIGMA_REGRESSION);
        Map<String, Integer> perClass = new TreeMap<>();
        Map<String, Integer> perSource = new TreeMap<>();
        int rejected = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Decoding decoding = decoder.decode(Files.readAllBytes(file), SharedCorpus.CONTEXT);
                assertThat(decoding).as(file.toString()).isInstanceOf(Decoding.Decoded.class);
                Decoding.Decoded decoded = (Decoding.Decoded) decoding;
                rejected += decoded.rejected().size();
                for (OcsfEvent event : decoded.events()) {
                    assertThat(OcsfValidator.validate(event)).as(file.toString()).isEmpty();
                    perClass.merge(event.ocsfClass().caption(), 1, Integer::sum);
                    perSource.merge(event.base().metadata().product().name() + ":" + event.base().metadata().eventCode()
                            + " -> " + event.ocsfClass().caption(), 1, Integer::sum);
                    checkFields(event);
                }
            }
        }
        System.out.println("Sigma regression events per class: " + perClass);
        System.out.println("Sigma regression events per source: " + perSource);
        assertThat(rejected).isZero();
        assertThat(perSource).containsEntry("Microsoft-Windows-Sysmon:1 -> Process Activity", 69)
                .containsEntry("Microsoft-Windows-Sysmon:11 -> File System Activity", 22)
                .containsEntry("Microsoft-Windows-Sysmon:13 -> Registry Value Activity", 7)
                .containsEntry("Microsoft-Windows-Security-Auditing:4648 -> Authentication", 1)
                .containsEntry("Microsoft-Windows-Sysmon:7 -> Base Event", 3);
        assertThat(perClass.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(106);
    }

    @Test
    void decodesOtrfDatasetsToTheirClasses() throws IOException {
        Path root = SharedCorpus.require(SharedCorpus.OTRF_WINDOWS);
        boolean full = "1".equals(System.getenv("FINRES_FULL_CORPUS"));
        Map<String, Integer> perClass = new TreeMap<>();
        Map<String, Integer> perSource = new TreeMap<>();
        Map<String, AtomicInteger> seen = new TreeMap<>();
        int lines = 0;
        int rejected = 0;
        int downgraded = 0;
        List<Path> zips;
        try (Stream<Path> files = Files.walk(root)) {
            zips = files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        for (Path zip : zips) {
            String family = root.relativize(zip).getName(0).toString();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    if (entry.isDirectory()) {
                        continue;
                    }
                    boolean resourceFork = entry.getName().contains("__MACOSX/");
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    String line;
                    int read = 0;
                    while ((line = reader.readLine()) != null && (full || read++ < LINES_PER_DATASET)) {
                        if (line.isBlank()) {
                            continue;
                        }
                        Matcher m = EVENT_ID.matcher(line);
                        String id = m.find() ? m.group(1) : "?";
                        if (!full && !resourceFork && seen.computeIfAbsent(family + id, k -> new AtomicInteger())
                                .incrementAndGet() > PER_EVENT_ID) {
                            continue;
                        }
                        lines++;
                        Decoding decoding = decoder.decode(line.getBytes(StandardCharsets.UTF_8), SharedCorpus.CONTEXT);
                        if (decoding instanceof Decoding.Decoded decoded) {
                            for (OcsfEvent event : decoded.events()) {
                                perClass.merge(event.ocsfClass().caption(), 1, Integer::sum);
                                perSource.merge(event.base().metadata().product().name() + ":"
                                        + event.base().metadata().eventCode() + " -> " + event.ocsfClass().caption(),
                                        1, Integer::sum);
                                if (event.base().metadata().labels().stream().anyMatch(l -> l.startsWith("downgraded"))) {
                                    downgraded++;
                                }
                                checkFields(event);
                            }
                            rejected += decoded.rejected().size();
                        } else {
                            assertThat(resourceFork).as("undecodable line in %s: %s", zip, decoding).isTrue();
                            rejected++;
                        }
                    }
                }
            }
        }
        System.out.println("OTRF lines decoded: " + lines + ", rejected: " + rejected + ", downgraded: " + downgraded);
        System.out.println("OTRF events per class: " + perClass);
        perSource.entrySet().removeIf(e -> e.getKey().endsWith("Base Event") && e.getValue() < 50);
        System.out.println("OTRF events per source (Base Event sources under 50 left out): " + perSource);
        assertThat(downgraded).isZero();
        assertThat(perClass).containsKeys(OcsfClass.PROCESS_ACTIVITY.caption(), OcsfClass.NETWORK_ACTIVITY.caption(),
                OcsfClass.FILE_SYSTEM_ACTIVITY.caption(), OcsfClass.REGISTRY_KEY_ACTIVITY.caption(),
                OcsfClass.REGISTRY_VALUE_ACTIVITY.caption(), OcsfClass.DNS_ACTIVITY.caption(),
                OcsfClass.AUTHENTICATION.caption(), OcsfClass.ACCOUNT_CHANGE.caption());
        assertThat(perSource.keySet()).contains(
                "Microsoft-Windows-Sysmon:1 -> Process Activity", "Microsoft-Windows-Sysmon:3 -> Network Activity",
                "Microsoft-Windows-Sysmon:11 -> File System Activity", "Microsoft-Windows-Sysmon:23 -> File System Activity",
                "Microsoft-Windows-Sysmon:12 -> Registry Key Activity", "Microsoft-Windows-Sysmon:13 -> Registry Value Activity",
                "Microsoft-Windows-Sysmon:22 -> DNS Activity", "Microsoft-Windows-Security-Auditing:4624 -> Authentication",
                "Microsoft-Windows-Security-Auditing:4625 -> Authentication",
                "Microsoft-Windows-Security-Auditing:4688 -> Process Activity",
                "Microsoft-Windows-Security-Auditing:4720 -> Account Change",
                "Microsoft-Windows-Security-Auditing:4724 -> Account Change");
    }

    /** The fields detection depends on, per class. */
    private static void checkFields(OcsfEvent event) {
        assertThat(event.base().time()).isPositive();
        assertThat(event.base().device()).isNotNull();
        switch (event) {
            case ProcessActivity p -> {
                assertThat(p.process()).isNotNull();
                if (p.activityId() == ProcessActivity.LAUNCH) {
                    assertThat(p.process().file().path()).isNotBlank();
                    assertThat(p.process().parentProcess()).isNotNull();
                }
            }
            case FileSystemActivity f -> assertThat(f.file().path()).isNotBlank();
            case NetworkActivity n -> assertThat(n.srcEndpoint().ip()).isNotBlank();
            case RegistryKeyActivity r -> assertThat(r.regKey().path()).isNotBlank();
            case RegistryValueActivity r -> assertThat(r.regValue().name()).isNotBlank();
            case DnsActivity d -> assertThat(d.query().hostname()).isNotBlank();
            case Authentication a -> assertThat(a.user().name()).isNotBlank();
            case BaseEvent b -> assertThat(b.base().unmapped()).isNotEmpty();
            default -> {
            }
        }
    }
}
