package org.finres.intel;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubHttp;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Early warnings as members' TAXII clients see them in hub-warnings: a report with its indicators, the protection
 * advice and the relationships between them, all valid against the OASIS schemas; an exposed-only or TLP:RED
 * warning reaches nobody else through objects, manifest or the per-object endpoints.
 */
@HubIntegrationTest
class WarningsOverTaxiiIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;

    final HttpClient http = HttpClient.newHttpClient();

    private HubHttp hub() {
        return new HubHttp(http, port);
    }

    @Test
    void anExposedWarningIsValidStixForItsRecipientAndInvisibleToOthers() throws Exception {
        InstitutionId exposed = sector.institution("taxii-exposed", InstitutionKind.SECURITIES);
        InstitutionId other = sector.institution("taxii-other", InstitutionKind.SECURITIES);
        String exposedAdmin = sector.token(exposed, TokenScope.ADMIN);
        post(exposedAdmin, "/api/v1/exposure", "{\"kind\":\"supplier\",\"value\":\"Harbour Clearing Systems\"}");
        String hub = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        HttpResponse<String> issued = post(hub, "/api/v1/warnings", """
                {"title":"Clearing supplier breached","severity":"high","tlp":"amber","audience":"exposed",
                 "criteria":{"suppliers":["harbour clearing systems"]},"advice":"Rotate the supplier's VPN credentials.",
                 "indicators":["url,https://harbour-update.example/agent.exe","sha256,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","cidr,100.64.77.0/28"],
                 "techniques":["T1195.002"]}""");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String report = TaxiiClient.JSON.readTree(issued.body()).get("stixReport").stringValue();

        TaxiiClient member = new TaxiiClient(port, sector.token(exposed, TokenScope.INTEL_WRITE));
        HttpResponse<String> page = member.get(TaxiiClient.objects("hub-warnings"));
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> objects = new ArrayList<>();
        TaxiiClient.JSON.readTree(page.body()).get("objects").forEach(o -> objects.add(TaxiiClient.JSON.writeValueAsString(o)));
        JsonNode reportObject = objects.stream().map(TaxiiClient.JSON::readTree)
                .filter(o -> o.get("id").stringValue().equals(report)).findFirst().orElseThrow();
        assertThat(reportObject.get("name").stringValue()).isEqualTo("Clearing supplier breached");
        assertThat(reportObject.get("object_refs")).hasSize(7); // 3 indicators, the advice, 3 "mitigates"
        assertThat(reportObject.get("external_references").get(0).get("external_id").stringValue()).isEqualTo("T1195.002");
        StixSchemas.require();
        for (String o : objects) {
            assertThat(StixSchemas.problems(o)).as(o).isEmpty();
        }
        List<String> patterns = objects.stream().map(TaxiiClient.JSON::readTree)
                .filter(o -> o.get("type").stringValue().equals("indicator")).map(o -> o.get("pattern").stringValue()).toList();
        assertThat(patterns).contains("[url:value = 'https://harbour-update.example/agent.exe']",
                "[file:hashes.'SHA-256' = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']",
                "[ipv4-addr:value ISSUBSET '100.64.77.0/28']");

        TaxiiClient outsider = new TaxiiClient(port, sector.token(other, TokenScope.INTEL_WRITE));
        assertThat(outsider.get(TaxiiClient.objects("hub-warnings")).body()).doesNotContain(report)
                .doesNotContain("Clearing supplier breached");
        assertThat(outsider.get("/taxii2/sector/collections/hub-warnings/manifest/").body()).doesNotContain(report);
        assertThat(outsider.get(TaxiiClient.objects("hub-warnings") + report + "/").statusCode()).isEqualTo(404);
        assertThat(outsider.get(TaxiiClient.objects("hub-warnings") + report + "/versions/").statusCode()).isEqualTo(404);
        assertThat(member.post(TaxiiClient.objects("hub-warnings"), TaxiiClient.TAXII, "{\"objects\":[]}").statusCode())
                .as("members read hub-warnings, only the hub writes it").isEqualTo(403);
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        return hub().post(token, path, body);
    }
}
