package org.finres.resilience.drill.ebanking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The e-banking nodes in-process, over real HTTP: validation, idempotency, replication, durability, promotion. */
class EbankingNodeTests {

    private final HttpClient http = HttpClient.newHttpClient();
    private EbankingNode primary;
    private EbankingNode standby;
    private FrontRouter router;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {router, standby, primary}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // already stopped by the test
                }
            }
        }
    }

    private EbankingNode startPrimary() {
        primary = EbankingNode.start(new NodeSettings("a", 0, dir.resolve("node-a"), dir, Role.PRIMARY, null,
                Duration.ofMillis(100), Duration.ofMillis(800)));
        return primary;
    }

    private EbankingNode startStandby(URI peer) throws InterruptedException {
        standby = EbankingNode.start(new NodeSettings("b", 0, dir.resolve("node-b"), dir, Role.STANDBY, peer,
                Duration.ofMillis(100), Duration.ofMillis(800)));
        await(() -> standby.attached(), "the standby attaches");
        return standby;
    }

    private HttpResponse<String> post(URI node, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(node.resolve("/transfers")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String transfer(String id, String from, String to, String amount) {
        return "{\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":\"" + amount + "\"}";
    }

    @Test
    void refusesOverdraftUnknownAccountsAndBadJson() throws Exception {
        URI a = startPrimary().uri();
        HttpResponse<String> overdraft = post(a, transfer("t1", "carol", "bob", "0.01"));
        assertThat(overdraft.statusCode()).isEqualTo(422);
        assertThat(overdraft.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(overdraft.body()).contains("insufficient funds", "account carol has 0.00");
        assertThat(post(a, transfer("t2", "alice", "mallory", "1.00")).body()).contains("account mallory does not "
                + "exist");
        HttpResponse<String> bad = post(a, "{\"id\":");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("the body is not JSON");
        assertThat(post(a, "{\"id\":\"t3\",\"from\":\"alice\",\"to\":\"bob\",\"amount\":5}").body())
                .contains("amounts are decimal strings");
        assertThat(post(a, transfer("t4", "alice", "bob", "1.001")).statusCode()).isEqualTo(400);
        assertThat(primary.committed()).isEmpty();
        assertThat(primary.balance("alice")).isEqualByComparingTo("1000000.00");
    }

    @Test
    void aRetriedTransferIsCommittedOnce() throws Exception {
        URI a = startPrimary().uri();
        assertThat(post(a, transfer("pay-1", "bob", "carol", "100.00")).statusCode()).isEqualTo(201);
        assertThat(post(a, transfer("pay-1", "bob", "carol", "100.00")).statusCode()).isEqualTo(200);
        assertThat(primary.balance("bob")).isEqualByComparingTo("4900.00");
        HttpResponse<String> reused = post(a, transfer("pay-1", "bob", "carol", "999.00"));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.body()).contains("transfer pay-1 was already committed as 100.00");
        assertThat(get(a.resolve("/transfers")).body()).contains("\"count\":1", "pay-1");
    }

    @Test
    void anAcknowledgedTransferIsOnTheStandbyBeforeTheClientHearsOfIt() throws Exception {
        URI a = startPrimary().uri();
        post(a, transfer("before-attach", "alice", "bob", "1.00"));
        startStandby(a);
        assertThat(standby.committed()).extracting(Transfer::id).containsExactly("before-attach");
        assertThat(post(a, transfer("after-attach", "alice", "carol", "2.50")).statusCode()).isEqualTo(201);
        assertThat(standby.committed()).extracting(Transfer::id).containsExactly("before-attach", "after-attach");
        assertThat(standby.balance("carol")).isEqualByComparingTo("2.50");
        assertThat(post(standby.uri(), transfer("to-standby", "alice", "bob", "1.00")).statusCode()).isEqualTo(503);
        assertThat(Files.readAllLines(dir.resolve("node-b/journal.jsonl"))).hasSize(2);
    }

    @Test
    void theJournalSurvivesARestart() throws Exception {
        URI a = startPrimary().uri();
        post(a, transfer("durable", "alice", "bob", "10.00"));
        primary.close();
        primary = EbankingNode.start(new NodeSettings("a", 0, dir.resolve("node-a"), dir, Role.PRIMARY, null,
                Duration.ofMillis(100), Duration.ofMillis(800)));
        assertThat(primary.committed()).extracting(Transfer::id).containsExactly("durable");
        assertThat(primary.balance("bob")).isEqualByComparingTo(new BigDecimal("5010.00"));
    }

    @Test
    void theStandbyPromotesItselfWhenThePrimaryFallsSilentAndTheRouterFollows() throws Exception {
        URI a = startPrimary().uri();
        startStandby(a);
        router = FrontRouter.start(0, java.util.List.of(a, standby.uri()));
        URI front = URI.create("http://127.0.0.1:" + router.port());
        await(() -> a.equals(router.primary()), "the router finds the primary");
        assertThat(post(front, transfer("via-front", "alice", "bob", "1.00")).statusCode()).isEqualTo(201);
        long pid = ProcessHandle.current().pid();
        assertThat(Files.readString(dir.resolve("primary.pid")).strip()).isEqualTo(Long.toString(pid));

        primary.close();
        await(() -> standby.currentRole() == Role.PRIMARY, "the standby promotes itself");
        assertThat(standby.epoch()).isEqualTo(2);
        await(() -> standby.uri().equals(router.primary()), "the router switches to the new primary");
        assertThat(post(front, transfer("after-failover", "alice", "bob", "1.00")).statusCode()).isEqualTo(201);
        assertThat(get(front.resolve("/transfers")).body()).contains("via-front", "after-failover");
        assertThat(get(front.resolve("/role")).body()).contains("\"node\":\"b\"", "\"role\":\"primary\"");
    }

    @Test
    void anOldPrimaryThatSeesANewerEpochStepsDown() throws Exception {
        URI a = startPrimary().uri();
        startStandby(a);
        // The standby is promoted while the primary still runs (a false alarm): the old primary's next write is
        // refused by the new one, and it fences itself instead of acknowledging.
        standby.promote(Duration.ZERO);
        HttpResponse<String> r = post(a, transfer("split", "alice", "bob", "1.00"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(primary.currentRole()).isEqualTo(Role.FENCED);
        assertThat(standby.committed()).isEmpty();
        assertThat(get(a.resolve("/health")).statusCode()).isEqualTo(503);
    }

    @Test
    void afterAFalseAlarmTheOldPrimaryBecomesTheNewPrimarysStandby() throws Exception {
        int bPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            bPort = s.getLocalPort();
        }
        URI b = URI.create("http://127.0.0.1:" + bPort);
        primary = EbankingNode.start(new NodeSettings("a", 0, dir.resolve("node-a"), dir, Role.PRIMARY, b,
                Duration.ofMillis(100), Duration.ofMillis(800)));
        post(primary.uri(), transfer("before", "alice", "bob", "1.00"));
        standby = EbankingNode.start(new NodeSettings("b", bPort, dir.resolve("node-b"), dir, Role.STANDBY,
                primary.uri(), Duration.ofMillis(100), Duration.ofMillis(800)));
        await(() -> standby.attached(), "the standby attaches");

        standby.promote(Duration.ZERO);
        await(() -> primary.currentRole() == Role.STANDBY && primary.attached(), "the old primary yields and "
                + "attaches to the new one");
        assertThat(post(b, transfer("after", "alice", "bob", "1.00")).statusCode()).isEqualTo(201);
        assertThat(primary.committed()).extracting(Transfer::id).containsExactly("before", "after");
        assertThat(post(primary.uri(), transfer("to-old", "alice", "bob", "1.00")).statusCode()).isEqualTo(503);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
