package org.finres.cli.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.StubHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

/** What the CLI makes of every kind of failed call: message on stderr, nothing on stdout, the right exit code. */
class HubErrorsTests {

    private final StubHub hub = new StubHub();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void invalidInputPrintsTitleDetailAndEachFieldErrorAndExitsTwo() {
        hub.problem("POST", "/api/v1/users", 400, """
                {"type":"about:blank","title":"Invalid input","status":400,
                 "detail":"username must not be blank; role must not be null",
                 "errors":[{"field":"username","message":"username must not be blank"},
                           {"field":"role","message":"role must not be null"}]}""");

        CliRun run = finres(hub.environment(), "admin", "users", "create", "--institution", "swiftpay",
                "--username", " ", "--display-name", "X", "--role", "none");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("""
                finres: Invalid input (HTTP 400): username must not be blank; role must not be null
                  username: username must not be blank
                  role: role must not be null
                """);
    }

    @Test
    void singleFieldErrorThatIsTheDetailIsNotRepeated() {
        hub.problem("GET", "/api/v1/institutions/x", 400, """
                {"title":"Invalid input","status":400,"detail":"institutionId is too short",
                 "errors":[{"field":"institutionId","message":"institutionId is too short"}]}""");

        CliRun run = finres(hub.environment(), "admin", "institutions", "show", "x");

        assertThat(run.err()).isEqualTo("finres: Invalid input (HTTP 400): institutionId is too short\n");
    }

    @Test
    void notFoundExitsTwo() {
        hub.problem("GET", "/api/v1/tokens/aaaaaaaaaaaaaaaa", 404,
                "{\"title\":\"Not found\",\"status\":404,\"detail\":\"token 'aaaaaaaaaaaaaaaa' does not exist\"}");

        CliRun run = finres(hub.environment(), "admin", "tokens", "show", "aaaaaaaaaaaaaaaa");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("finres: Not found (HTTP 404): token 'aaaaaaaaaaaaaaaa' does not exist");
    }

    @Test
    void unauthorizedExitsTwoAndPointsAtTheToken() {
        hub.problem("GET", "/api/v1/institutions", 401,
                "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"the token is unknown, revoked or expired\"}");

        CliRun run = finres(hub.environment(), "admin", "institutions", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unauthorized (HTTP 401): the token is unknown", "--token or FINRES_TOKEN");
    }

    @Test
    void serverErrorExitsThree() {
        hub.problem("GET", "/api/v1/institutions", 500,
                "{\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\"database unavailable\"}");

        CliRun run = finres(hub.environment(), "admin", "institutions", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("Internal Server Error (HTTP 500): database unavailable");
    }

    @Test
    void errorWithoutProblemDocumentStillSaysWhatCameBack() {
        hub.answer("GET", "/api/v1/institutions", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>",
                Map.of());

        CliRun run = finres(hub.environment(), "admin", "institutions", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("Bad Gateway (HTTP 502)", "<h1>502 Bad Gateway</h1>");
    }

    @Test
    void unreachableHubExitsThreeWithAdvice() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = finres(Map.of("FINRES_TOKEN", "frs_abcdefghijklmnop_secret"), "admin", "institutions", "list",
                "--hub", "http://127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("cannot reach the hub at http://127.0.0.1:" + closedPort, "finres serve",
                "FINRES_HUB_URL");
    }

    @Test
    void answerThatIsNotJsonExitsThree() {
        hub.answer("GET", "/api/v1/institutions", 200, "text/html", "<html>a web shop</html>", Map.of());

        CliRun run = finres(hub.environment(), "admin", "institutions", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("not JSON", "<html>a web shop</html>", "FinRes hub");
    }

    @Test
    void redirectIsNeitherFollowedNorGivenTheToken() {
        hub.answer("GET", "/api/v1/institutions", 302, null, "", Map.of("Location", "https://elsewhere.example/"));

        CliRun run = finres(hub.environment(), "admin", "institutions", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("redirect", "https://elsewhere.example/");
        assertThat(hub.requests()).hasSize(1);
    }

    @Test
    void controlCharactersFromTheHubNeverReachTheTerminal() {
        hub.problem("GET", "/api/v1/institutions/evil", 404,
                "{\"title\":\"Not found\",\"status\":404,\"detail\":\"no \\u001b[2Jinstitution \\u202eevil\"}");

        CliRun run = finres(hub.environment(), "admin", "institutions", "show", "evil");

        assertThat(run.err()).doesNotContain("\u001b", "\u202e").contains("no \uFFFD[2Jinstitution \uFFFDevil");
    }
}
