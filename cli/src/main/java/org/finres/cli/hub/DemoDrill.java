package org.finres.cli.hub;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.finres.cli.resilience.TargetCommand;
import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.IssuedToken;
import org.finres.core.TokenScope;
import org.finres.resilience.drill.ShippedDrill;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.evidence.Measurements;
import org.finres.resilience.drill.evidence.TimelineEntry;
import org.finres.vault.AttestationLedger;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The failover drill {@code finres demo} runs once per data folder, for real: the shipped e-banking target starts
 * as three processes of this CLI (front, primary, standby), the primary is killed with {@code kill -9}, and the
 * demo bank signs the evidence with a key it registers at the hub and submits it as its drill of online banking.
 * The hub then shows the measured switchover and the transfers kept on its drill and report pages. In the
 * background, so that the hub serves while the drill runs.
 */
final class DemoDrill {

    static final InstitutionId BANK = InstitutionId.of("taipei-first-bank");
    static final String SERVICE = "online-banking";
    private static final Actor.SystemProcess DEMO = new Actor.SystemProcess("demo");

    private DemoDrill() {
    }

    static void startInBackground(ConfigurableApplicationContext hub, String url, Path dataFolder, PrintWriter out) {
        if (hub.getBean(Institutions.class).find(BANK).isEmpty()) {
            return; // not the demo sector
        }
        Path dir = dataFolder.resolve("demo-drill");
        if (Files.exists(dir.resolve("evidence.json"))) {
            return; // this data folder's drill has run; its evidence is at the hub
        }
        // The target's processes are this JVM's children: stop them with it, whatever stops it.
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "finres-demo-drill-stop"));
        Thread t = new Thread(() -> {
            try {
                run(hub, url, dir, BANK, SERVICE, out);
            } catch (RuntimeException | IOException e) {
                out.println("Demo failover drill did not complete: " + e.getMessage());
                out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "finres-demo-drill");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Runs the shipped drill for {@code institution}'s register service {@code service} and submits the evidence;
     * returns it, and the hub's answer in {@link Outcome#status}.
     */
    static Outcome run(ConfigurableApplicationContext hub, String url, Path dir, InstitutionId institution,
                       String service, PrintWriter out) throws IOException, InterruptedException {
        ApiTokens tokens = hub.getBean(ApiTokens.class);
        AttestationLedger ledger = hub.getBean(AttestationLedger.class);
        var kind = hub.getBean(Institutions.class).find(institution).orElseThrow().kind();
        // Tokens of the bank's own, for this drill only: its signing key is registered the way its admin would,
        // and the evidence submitted the way its drill job would, with resilience:write alone.
        IssuedToken keys = tokens.issue(DEMO, new ApiTokens.Draft(institution, "demo drill signing key",
                Set.of(TokenScope.ADMIN), Duration.ofHours(1)));
        IssuedToken submit = tokens.issue(DEMO, new ApiTokens.Draft(institution, "demo drill submission",
                Set.of(TokenScope.RESILIENCE_WRITE), Duration.ofHours(1)));
        try {
            SigningKeyPair key = SigningKeyPair.generate(false);
            ledger.registerKey(new Actor.Token(keys.token().id(), keys.token().name(), institution, kind,
                    keys.token().scopes()), key.publicKey().encode());
            Files.createDirectories(dir);
            out.println("Demo failover drill: starting the e-banking target (front, primary, standby) in " + dir);
            out.flush();
            DrillEvidence evidence = ShippedDrill.run(dir, 0, TargetCommand.launcher(), institution.value(), service, key,
                    entry -> progress(entry, out));
            Files.write(dir.resolve("evidence-unsubmitted.json"), evidence.toJson());
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(url + "api/v1/resilience/drills"))
                    .header("Authorization", "Bearer " + submit.secret()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(evidence.toJson())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 201) {
                Files.write(dir.resolve("evidence.json"), evidence.toJson()); // done: not again on this data folder
            }
            Measurements m = evidence.measured();
            out.println("Demo failover drill: " + evidence.outcome().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + "; primary killed, switchover " + millis(m.switchover()) + ", "
                    + evidence.content().workload().acknowledged() + " transfers acknowledged, "
                    + evidence.content().workload().lost().size() + " lost; "
                    + (answer.statusCode() == 201 ? "evidence verified and recorded at " + url + "resilience/drills"
                    : "the hub refused the evidence (HTTP " + answer.statusCode() + "): " + answer.body()));
            out.flush();
            return new Outcome(evidence, answer.statusCode(), answer.body());
        } finally {
            tokens.revoke(DEMO, keys.token().id());
            tokens.revoke(DEMO, submit.token().id());
        }
    }

    /** The evidence and how the hub answered its submission. */
    record Outcome(DrillEvidence evidence, int status, String answer) {
    }

    private static void progress(TimelineEntry entry, PrintWriter out) {
        // Phases, the fault and what went wrong; probe flips and the workload are in the evidence.
        switch (entry.kind()) {
            case PHASE, FAULT, ABORT, ROLLBACK -> {
                out.println("  drill: " + entry.detail());
                out.flush();
            }
            case PROBE, WORKLOAD -> {
            }
        }
    }

    private static String millis(Duration d) {
        return d == null ? "not reached" : d.toMillis() + " ms";
    }
}
