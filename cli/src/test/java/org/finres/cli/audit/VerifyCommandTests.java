package org.finres.cli.audit;

import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.StubHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

/** {@code finres audit verify} asking a (stub) hub. */
class VerifyCommandTests {

    private final StubHub hub = new StubHub();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void intactTrailPrintsTheRecordCountAndExitsZero() {
        hub.json("POST", "/api/v1/audit/verify", 200,
                "{\"intact\":true,\"recordsChecked\":1234,\"headSeq\":1234,\"firstBrokenSeq\":null,\"problem\":null}");

        CliRun run = finres(hub.environment(), "audit", "verify");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("audit trail intact: 1234 records\n");
        assertThat(hub.onlyRequest().method()).isEqualTo("POST");
    }

    @Test
    void brokenTrailNamesTheFirstBrokenRecordAndExitsFour() {
        hub.json("POST", "/api/v1/audit/verify", 200, "{\"intact\":false,\"recordsChecked\":41,\"headSeq\":60,"
                + "\"firstBrokenSeq\":42,\"problem\":\"record 42 was altered: its content no longer matches its hash\"}");

        CliRun run = finres(hub.environment(), "audit", "verify");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).isEqualTo(
                "audit trail BROKEN at record 42: record 42 was altered: its content no longer matches its hash\n");
    }

    @Test
    void jsonOutputKeepsTheExitCodeOfABrokenTrail() {
        hub.json("POST", "/api/v1/audit/verify", 200, "{\"intact\":false,\"recordsChecked\":0,\"headSeq\":3,"
                + "\"firstBrokenSeq\":1,\"problem\":\"record 1 was altered\"}");

        CliRun run = finres(hub.environment(), "audit", "verify", "--json");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("\"firstBrokenSeq\" : 1").doesNotContain("BROKEN");
    }

    @Test
    void tokenWithoutTheRightIsRefusedWithExitTwo() {
        hub.problem("POST", "/api/v1/audit/verify", 403, "{\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"verifying the audit trail needs the AUDIT_VERIFY permission\"}");

        CliRun run = finres(hub.environment(), "audit", "verify");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Forbidden (HTTP 403): verifying the audit trail needs the AUDIT_VERIFY permission");
    }
}
