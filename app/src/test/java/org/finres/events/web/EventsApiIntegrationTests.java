package org.finres.events.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

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

/** The HTTP transport end to end: formats in, OCSF rows out, under the token's institution only. */
@HubIntegrationTest
class EventsApiIntegrationTests {

    static final String CEF = "CEF:0|Fortinet|FortiGate|7.2|13|Blocked connection|7|src=198.51.100.7 dst=10.1.2.3 spt=51515 "
            + "dpt=443 act=blocked msg=blocked by policy\\=deny-all";
    static final String LEEF = "LEEF:2.0|IBM|QRadar|7.5|Login Failure|^|src=203.0.113.9^usrName=teller01^sev=8"
            + "^devTime=Nov 21 2026 10:15:00";
    static final String SYSLOG = "<34>1 2026-11-21T10:15:30.123+08:00 core-bank-01 sshd 4242 ID47 - "
            + "Failed password for root from 192.0.2.44 port 50222 ssh2";
    static final String WINDOWS = "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
            + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"teller-ws-07\","
            + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-11-21T02:15:31.000Z\"}},\"EventRecordID\":77},\"EventData\":{"
            + "\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd.exe /c whoami\","
            + "\"User\":\"BANK\\\\teller01\",\"ProcessId\":\"4242\"}}}";
    static final String OCSF = "{\"class_uid\":2004,\"category_uid\":2,\"activity_id\":1,\"type_uid\":200401,\"severity_id\":5,"
            + "\"time\":1795313731000,\"metadata\":{\"product\":{\"name\":\"EDR\",\"vendor_name\":\"Acme\"},\"version\":\"1.9.0\","
            + "\"tenant_uid\":\"someone-else\"},\"finding_info\":{\"uid\":\"f-1\",\"title\":\"Credential dumping\"}}";

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void mixedFormatsAreStoredWithClassSeverityAndTheTokensInstitution() throws Exception {
        InstitutionId bank = sector.institution("events", InstitutionKind.BANK);
        String token = sector.token(bank, TokenScope.EVENTS_WRITE);

        HttpResponse<String> response = post(token, String.join("\n", OCSF, CEF, LEEF, SYSLOG, WINDOWS).getBytes(), false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode receipt = json.readTree(response.body());
        assertThat(receipt.get("accepted").asInt()).isEqualTo(5);
        assertThat(receipt.get("rejected").asInt()).isZero();
        var classes = jdbc.sql("select class_uid from security_event where institution_id = :i order by class_uid")
                .param("i", bank.value()).query(Integer.class).list();
        assertThat(classes).contains(2004, 1007);
        assertThat(jdbc.sql("select count(*) from security_event where institution_id = 'someone-else'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select severity_id from security_event where institution_id = :i and class_uid = 2004")
                .param("i", bank.value()).query(Integer.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("select incident_level from security_event where institution_id = :i and class_uid = 2004")
                .param("i", bank.value()).query(Integer.class).single()).isNotNull();
        assertThat(jdbc.sql("select count(*) from event_source where institution_id = :i").param("i", bank.value())
                .query(Long.class).single()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void resendingABatchStoresNothingTwice() throws Exception {
        InstitutionId bank = sector.institution("resend", InstitutionKind.SECURITIES);
        String token = sector.token(bank, TokenScope.EVENTS_WRITE);
        byte[] batch = ("[" + OCSF + "," + WINDOWS + "]").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = post(token, batch, true);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(json.readTree(first.body()).get("accepted").asInt()).isEqualTo(2);
        HttpResponse<String> second = post(token, batch, true);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        JsonNode again = json.readTree(second.body());

        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from security_event where institution_id = :i").param("i", bank.value())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void undecodableInputIsRefusedAndKeptAsDeadLetter() throws Exception {
        InstitutionId bank = sector.institution("garbage", InstitutionKind.INSURANCE);
        String token = sector.token(bank, TokenScope.EVENTS_WRITE);

        HttpResponse<String> response = post(token, "{\"broken\": [1, 2\n".getBytes(), false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no event of the batch could be decoded");
        assertThat(jdbc.sql("select count(*) from dead_letter where institution_id = :i").param("i", bank.value())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void partlyBadBatchStoresTheGoodEventsAndCountsTheRest() throws Exception {
        InstitutionId bank = sector.institution("partly", InstitutionKind.PAYMENT);
        String token = sector.token(bank, TokenScope.EVENTS_WRITE);

        HttpResponse<String> response = post(token, (CEF + "\n{\"unterminated\": \n" + SYSLOG).getBytes(), false);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode receipt = json.readTree(response.body());
        assertThat(receipt.get("accepted").asInt()).isEqualTo(2);
        assertThat(receipt.get("rejected").asInt()).isEqualTo(1);
        assertThat(receipt.get("rejections").get(0).get("index").asInt()).isEqualTo(1);
    }

    @Test
    void brokenJsonArrayIsRefusedWhereItBreaksAndKept() throws Exception {
        InstitutionId bank = sector.institution("array", InstitutionKind.BANK);
        String token = sector.token(bank, TokenScope.EVENTS_WRITE);
        HttpResponse<String> response = post(token, ("[" + OCSF + ", {\"a\": ]").getBytes(), false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON").contains("column");
        assertThat(jdbc.sql("select count(*) from dead_letter where institution_id = :i").param("i", bank.value())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from security_event where institution_id = :i").param("i", bank.value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void tokenWithoutEventsScopeIsRefused() throws Exception {
        InstitutionId bank = sector.institution("noscope", InstitutionKind.BANK);
        HttpResponse<String> response = post(sector.token(bank, TokenScope.ADMIN), CEF.getBytes(), false);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("events:write");
    }

    @Test
    void corruptGzipIsRefused() throws Exception {
        InstitutionId bank = sector.institution("gzip", InstitutionKind.BANK);
        String token = sector.token(bank, TokenScope.EVENTS_WRITE);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray("not gzip".getBytes()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("gzip");
    }

    private HttpResponse<String> post(String token, byte[] body, boolean gzip) throws Exception {
        byte[] payload = body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson");
        if (gzip) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
                out.write(body);
            }
            payload = compressed.toByteArray();
            request.header("Content-Encoding", "gzip");
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
