package org.finres.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HubIntegrationTest
class HubStartsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestSector sector;

    @Autowired
    Institutions institutions;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bootstrapCreatesHubAndRegulatorTenants() {
        assertThat(institutions.find(InstitutionId.HUB)).get().extracting(Institution::kind).isEqualTo(InstitutionKind.HUB);
        assertThat(institutions.find(InstitutionId.REGULATOR)).get().extracting(Institution::kind)
                .isEqualTo(InstitutionKind.REGULATOR);
    }

    @Test
    void healthIsUpWithoutLogin() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    @Test
    void apiAnswersTokenHolderWithIdentity() throws Exception {
        InstitutionId bank = sector.institution("bank", InstitutionKind.BANK);
        String token = sector.token(bank, TokenScope.READ);
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"institutionId\":\"" + bank.value() + "\"");
    }

    @Test
    void apiRefusesRequestWithoutTokenAsProblem() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("Bearer");
    }
}
