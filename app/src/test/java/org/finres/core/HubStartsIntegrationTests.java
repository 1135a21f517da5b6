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

    @Test
    void prometheusMetricsAreExposed() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void openApiDescribesTheApiWithTokenSecurity() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/institutions").contains("/api/v1/tokens").contains("bearer");
        var ui = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/env")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(302, 401, 403, 404);
        assertThat(response.body()).doesNotContain("finres.database");
    }
}
