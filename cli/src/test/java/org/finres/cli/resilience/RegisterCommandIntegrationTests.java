package org.finres.cli.resilience;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.finres.cli.CliEnvironment;
import org.finres.cli.FinresCli;
import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.RunningHub;
import org.finres.core.InstitutionId;
import org.finres.core.TokenScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code register import|export|sweep} against a real hub in this JVM. The command is not wired into
 * {@code finres} yet, so the test mounts it under the root command itself, as the wiring will.
 */
class RegisterCommandIntegrationTests {

    @TempDir
    static Path data;
    @TempDir
    Path folder;

    private static RunningHub hub;
    private static Map<String, String> bank;

    @BeforeAll
    static void startHub() throws Exception {
        hub = RunningHub.start(data);
        String admin = hub.token(InstitutionId.HUB, "cli test", TokenScope.ADMIN);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(hub.url() + "/api/v1/institutions")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"cli-res-bank\",\"name\":\"CLI resilience bank\",\"kind\":\"bank\",\"sizeTier\":\"medium\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        bank = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN",
                hub.token(InstitutionId.of("cli-res-bank"), "cli test", TokenScope.ADMIN));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private static CliRun register(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FinresCli.commandLine(new CliEnvironment(environment, InputStream.nullInputStream()),
                new PrintWriter(out, true), new PrintWriter(err, true));
        cli.addSubcommand(new CommandLine(new RegisterCommand()));
        // setOut and setErr reach the subcommands present when called: again, now that register is one.
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "register";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CliRun(cli.execute(all), out.toString(), err.toString());
    }

    private static String demoBank() throws Exception {
        try (InputStream in = RegisterCommandIntegrationTests.class.getResourceAsStream("/demo/resilience/taipei-first-bank.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^institution: .*$", "institution: cli-res-bank");
        }
    }

    @Test
    void importsExportsAndSweepsARegister() throws Exception {
        Path file = Files.writeString(folder.resolve("bank.yml"), demoBank());
        CliRun imported = register(bank, "import", file.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("hidden").contains("1");

        CliRun exported = register(bank, "export");
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        assertThat(exported.out()).contains("institution: cli-res-bank").contains("id: hinet");
        Path again = Files.writeString(folder.resolve("again.yml"), exported.out());
        assertThat(register(bank, "import", again.toString()).exitCode()).isZero();
        CliRun json = register(bank, "export", "--format", "json", "--register-version", "1");
        assertThat(json.out()).startsWith("{").contains("\"institution\"");

        CliRun sweep = register(bank, "sweep");
        assertThat(sweep.exitCode()).as(sweep.toString()).isEqualTo(2);
        assertThat(sweep.out()).contains("hinet").contains("HIDDEN").contains("BEYOND");
    }

    @Test
    void aRefusedRegisterPrintsEveryProblemWithItsLine() throws Exception {
        Path file = Files.writeString(folder.resolve("bad.yml"), demoBank().replace("rto: 12h", "rto: -1h"));
        CliRun refused = register(bank, "import", file.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("Register refused").contains("line ").contains("'dc-taipei': rto is negative")
                .contains("'dc-taichung': rto is negative");
    }
}
