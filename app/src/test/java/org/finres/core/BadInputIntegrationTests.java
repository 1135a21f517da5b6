package org.finres.core;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken input on every write endpoint: a clear 4xx problem document that names what is wrong,
 * and nothing stored, not even half of it.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTests {

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "Robert'); DROP TABLE institution;--", "1; DELETE FROM app_user", "admin'--",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:ldap://x/a}",
            "name\u0000with-nul", "line\nbreak", "/* comment */ name", "`id`", "%27%20OR%201=1");

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    String hubAdmin;
    InstitutionId bank;

    @BeforeAll
    void setUp() {
        hubAdmin = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        bank = sector.institution("input", InstitutionKind.BANK);
    }

    record Field(String endpoint, String label, Function<String, String> body) {
        @Override
        public String toString() {
            return label;
        }
    }

    Stream<Arguments> injectionsInEveryTextField() {
        List<Field> fields = List.of(
                new Field("/api/v1/institutions", "institution id",
                        v -> json("id", v, "name", "Valid Bank", "kind", "bank", "sizeTier", "small")),
                new Field("/api/v1/institutions", "institution name",
                        v -> json("id", "inj-" + System.nanoTime(), "name", v, "kind", "bank", "sizeTier", "small")),
                new Field("/api/v1/institutions", "institution kind",
                        v -> json("id", "inj-" + System.nanoTime(), "name", "Valid", "kind", v, "sizeTier", "small")),
                new Field("/api/v1/institutions", "institution size tier",
                        v -> json("id", "inj-" + System.nanoTime(), "name", "Valid", "kind", "bank", "sizeTier", v)),
                new Field("/api/v1/users", "username",
                        v -> json("institutionId", bank.value(), "username", v, "displayName", "Valid", "role", "institution-analyst")),
                new Field("/api/v1/users", "display name",
                        v -> json("institutionId", bank.value(), "username", "u" + System.nanoTime(), "displayName", v,
                                "role", "institution-analyst")),
                new Field("/api/v1/users", "email",
                        v -> json("institutionId", bank.value(), "username", "u" + System.nanoTime(), "displayName", "Valid",
                                "email", v, "role", "institution-analyst")),
                new Field("/api/v1/users", "role",
                        v -> json("institutionId", bank.value(), "username", "u" + System.nanoTime(), "displayName", "Valid", "role", v)),
                new Field("/api/v1/users", "locale",
                        v -> json("institutionId", bank.value(), "username", "u" + System.nanoTime(), "displayName", "Valid",
                                "role", "institution-analyst", "locale", v)),
                new Field("/api/v1/users", "user institution",
                        v -> json("institutionId", v, "username", "u" + System.nanoTime(), "displayName", "Valid", "role", "institution-analyst")),
                new Field("/api/v1/tokens", "token name",
                        v -> json("institutionId", bank.value(), "name", v) .replace("}", ",\"scopes\":[\"read\"]}")),
                new Field("/api/v1/tokens", "token scope",
                        v -> json("institutionId", bank.value(), "name", "Valid").replace("}", ",\"scopes\":[\"" + escape(v) + "\"]}")));
        return fields.stream().flatMap(f -> INJECTIONS.stream().map(v -> Arguments.of(f, v)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("injectionsInEveryTextField")
    void injectionStringIsRefusedAndNothingStored(Field field, String value) throws Exception {
        long before = rows();

        HttpResponse<String> response = post(field.endpoint(), field.body().apply(value));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(response.body()).contains("\"detail\"");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void malformedJsonNamesWhereItBreaks() throws Exception {
        HttpResponse<String> response = post("/api/v1/institutions", "{\"id\": \"x-bank\", \"name\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON").contains("line 1");
    }

    @Test
    void unknownFieldIsNamed() throws Exception {
        long before = rows();
        HttpResponse<String> response = post("/api/v1/institutions",
                "{\"id\":\"unknown-field\",\"name\":\"Bank\",\"kind\":\"bank\",\"sizeTier\":\"small\",\"isAdmin\":true}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown field 'isAdmin'");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void wrongJsonTypeIsRefused() throws Exception {
        HttpResponse<String> response = post("/api/v1/tokens",
                "{\"institutionId\":\"" + bank + "\",\"name\":\"t\",\"scopes\":\"read\",\"validDays\":\"many\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("detail");
    }

    @Test
    void missingRequiredFieldIsNamed() throws Exception {
        HttpResponse<String> response = post("/api/v1/institutions", "{\"id\":\"no-name\",\"kind\":\"bank\",\"sizeTier\":\"small\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"name\"").contains("name is required");
    }

    @Test
    void oversizedDeclaredBodyIsRefusedWith413() throws Exception {
        long before = rows();
        String huge = "{\"id\":\"huge\",\"name\":\"" + "a".repeat(2_000_000) + "\",\"kind\":\"bank\",\"sizeTier\":\"small\"}";
        HttpResponse<String> response = post("/api/v1/institutions", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than the limit");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void oversizedChunkedBodyIsRefusedWith413() throws Exception {
        long before = rows();
        byte[] huge = ("{\"id\":\"chunked\",\"name\":\"" + "a".repeat(2_000_000) + "\",\"kind\":\"bank\",\"sizeTier\":\"small\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/institutions"))
                .header("Authorization", "Bearer " + hubAdmin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void wrongMediaTypeIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/institutions"))
                .header("Authorization", "Bearer " + hubAdmin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("id=x")).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
    }

    @Test
    void invalidPathIdentifierIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users/not-a-uuid"))
                .header("Authorization", "Bearer " + hubAdmin).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("userId is not a UUID");
    }

    private long rows() {
        return jdbc.sql("select (select count(*) from institution) + (select count(*) from app_user) + (select count(*) from api_token)")
                .query(Long.class).single();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + hubAdmin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String json(String... pairs) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                s.append(',');
            }
            s.append('"').append(pairs[i]).append("\":\"").append(escape(pairs[i + 1])).append('"');
        }
        return s.append('}').toString();
    }

    private static String escape(String v) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }
}
