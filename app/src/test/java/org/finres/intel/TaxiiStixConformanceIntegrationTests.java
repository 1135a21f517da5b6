package org.finres.intel;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.intel.internal.EnvelopeReader;
import org.finres.stix.StixBundleReader;
import org.finres.stix.model.StixObject;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.intel.TaxiiClient.STIX;
import static org.finres.intel.TaxiiClient.json;
import static org.finres.intel.TaxiiClient.objects;
import static org.finres.intel.TaxiiClient.query;

/**
 * The OASIS example bundles in ../shared post and read back unchanged, byte for byte, and every object the server
 * emits validates against the OASIS STIX 2.1 JSON schemas.
 */
@HubIntegrationTest
class TaxiiStixConformanceIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;

    private static List<Path> examples() throws IOException {
        StixSchemas.require();
        try (Stream<Path> s = Files.walk(StixSchemas.STIX.resolve("examples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every object text of every page of a collection, exactly as emitted. */
    private static List<String> readAll(TaxiiClient client, String collection) throws Exception {
        List<String> texts = new ArrayList<>();
        String next = null;
        do {
            HttpResponse<String> r = client.get(objects(collection) + (next == null ? query("match[version]", "all", "limit", "50")
                    : query("match[version]", "all", "limit", "50", "next", next)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = json(r);
            if (page.has("objects")) {
                for (EnvelopeReader.Element e : EnvelopeReader.read(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).objects()) {
                    texts.add(((EnvelopeReader.Element.Text) e).json());
                }
            }
            next = page.get("more").booleanValue() ? page.get("next").stringValue() : null;
        } while (next != null);
        return texts;
    }

    @Test
    void theExampleBundlesPostAndReadBackByteForByte() throws Exception {
        InstitutionId bank = sector.institution("interop", InstitutionKind.BANK);
        TaxiiClient client = new TaxiiClient(port, sector.token(bank, TokenScope.INTEL_WRITE));
        String inbox = "inbox-" + bank.value();
        Map<String, String> expected = new LinkedHashMap<>();
        for (Path file : examples()) {
            String body = Files.readString(file);
            HttpResponse<String> r = client.post(objects(inbox), STIX, body);
            assertThat(r.statusCode()).as(file + ": " + r.body()).isEqualTo(202);
            assertThat(json(r).get("failure_count").asInt()).as(file + ": " + r.body()).isZero();
            for (StixObject o : StixBundleReader.read(body).objects()) {
                String version = o.common().modified() != null ? o.common().modified().text()
                        : o.common().created() != null ? o.common().created().text() : o.json().text();
                expected.putIfAbsent(o.id() + "|" + version, o.json().text());
            }
        }
        List<String> back = readAll(client, inbox);
        assertThat(back).containsExactlyInAnyOrderElementsOf(expected.values());
    }

    @Test
    void everyObjectTheServerEmitsValidatesAgainstTheOasisSchemas() throws Exception {
        InstitutionId bank = sector.institution("schemas", InstitutionKind.BANK);
        TaxiiClient client = new TaxiiClient(port, sector.token(bank, TokenScope.INTEL_WRITE));
        String inbox = "inbox-" + bank.value();
        for (Path file : examples()) {
            client.post(objects(inbox), STIX, Files.readString(file));
        }
        client.postObjects(inbox, StixSamples.indicator(StixSamples.TLP_AMBER), StixSamples.ipv4("192.0.2.1"),
                StixSamples.malware(StixSamples.newId("malware"), "2026-01-01T00:00:00.000Z"));
        TaxiiClient hub = new TaxiiClient(port, sector.token(InstitutionId.HUB, TokenScope.INTEL_WRITE));
        List<String> emitted = new ArrayList<>(readAll(client, inbox));
        for (String collection : List.of("sector-clear", "sector-green", "sector-amber", "hub-warnings")) {
            emitted.addAll(readAll(hub, collection));
        }
        assertThat(emitted).hasSizeGreaterThan(50);
        for (String object : emitted) {
            assertThat(StixSchemas.problems(object)).as(object).isEmpty();
        }
    }
}
