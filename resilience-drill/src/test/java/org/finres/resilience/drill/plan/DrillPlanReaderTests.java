package org.finres.resilience.drill.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.finres.resilience.drill.ShippedDrill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillPlanReaderTests {

    private static final String GOOD = """
            format: finres-drill-plan/1
            name: db failover
            institution: demo-bank
            services: [payments-db]
            tolerances: {maxTolerableDowntime: 5m, rto: 10m, rpo: 30s}
            probes:
              interval: 1s
              checks:
                - name: api
                  http: {url: "http://127.0.0.1:9/health", status: 204, bodyContains: ok}
                - name: port
                  tcp: {host: 127.0.0.1, port: 5432}
                - name: db
                  sql: {url: "jdbc:postgresql://127.0.0.1:5432/bank", user: probe, query: select 1, expected: "1"}
                - name: script
                  command: {argv: [true], exitCode: 0}
            fault:
              http: {url: "http://127.0.0.1:9/chaos", method: POST, body: '{"kill":"db"}'}
            abort: {maxDuration: 20m, probeDownLongerThan: 8m, whenProbeFails: [db]}
            rollback:
              - command: {argv: [sh, -c, "echo back"]}
            """;

    @Test
    void readsEveryProbeKindFaultAbortAndRollback() {
        DrillPlan p = read(GOOD);
        assertThat(p.name()).isEqualTo("db failover");
        assertThat(p.tolerances().rpo()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.probes()).hasSize(4);
        assertThat(p.probes().get(0)).isInstanceOf(Probe.Http.class);
        assertThat(((Probe.Http) p.probes().get(0)).status()).isEqualTo(204);
        assertThat(p.probes().get(1)).isInstanceOf(Probe.Tcp.class);
        assertThat(p.probes().get(2)).isInstanceOf(Probe.Sql.class);
        assertThat(p.probes().get(3)).isInstanceOf(Probe.Command.class);
        assertThat(p.fault()).isEqualTo(new DrillAction.HttpHook(java.net.URI.create("http://127.0.0.1:9/chaos"),
                "POST", "{\"kill\":\"db\"}", Duration.ofSeconds(30)));
        assertThat(p.abort().whenProbeFails()).containsExactly("db");
        assertThat(p.rollback()).hasSize(1);
        assertThat(p.workload()).isNull();
        assertThat(p.sha256()).hasSize(64);
    }

    @Test
    void theExamplePlanReads(@TempDir Path dir) {
        DrillPlan p = read(ShippedDrill.examplePlan(dir, 18080, "demo-bank", "online-banking"));
        assertThat(p.workload().ratePerSecond()).isEqualTo(20);
        assertThat(p.fault()).isInstanceOf(DrillAction.Command.class);
    }

    @Test
    void readsTolerancesFromTheRegister(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("register.yml"), """
                format: finres-resilience-register/1
                institution: demo-bank
                services:
                  - id: payments-db
                    tolerance: {maxTolerableDowntime: 4h, rto: 2h, rpo: 15m}
                    dependsOn: []
                """);
        Files.writeString(dir.resolve("plan.yml"), GOOD.replace("tolerances: {maxTolerableDowntime: 5m, rto: 10m, "
                + "rpo: 30s}", "tolerances: {register: register.yml}"));
        DrillPlan p = DrillPlanReader.read(dir.resolve("plan.yml"));
        assertThat(p.tolerances().maxTolerableDowntime()).isEqualTo(Duration.ofHours(4));
        assertThat(p.tolerances().rpo()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void rejectsBadYamlWithItsLine() {
        assertRejected("format: finres-drill-plan/1\nname: x\nprobes: [a, b\nfault: {}\n", "line 4", "syntax error");
    }

    @Test
    void rejectsAPlanWithoutProbes() {
        String noProbes = GOOD.substring(0, GOOD.indexOf("probes:")) + GOOD.substring(GOOD.indexOf("fault:"));
        assertRejected(noProbes, "probes: is required");
        assertRejected(GOOD.replaceAll("(?s)  checks:.*?fault:", "  checks: []\nfault:"),
                "line 8", "must list at least one probe");
    }

    @Test
    void rejectsNegativeDurationsWithTheirLines() {
        assertRejected(GOOD.replace("interval: 1s", "interval: -1s"), "line 7", "probes.interval: must not be "
                + "negative");
        assertRejected(GOOD.replace("rpo: 30s", "rpo: -30s"), "line 5", "tolerances.rpo: must not be negative");
        assertRejected(GOOD.replace("maxDuration: 20m", "maxDuration: soon"), "line 19",
                "must be a duration like 250ms");
    }

    @Test
    void rejectsAnUnknownProbeKindWithItsLine() {
        assertRejected(GOOD.replace("tcp: {host: 127.0.0.1, port: 5432}", "icmp: {host: 127.0.0.1}"), "line 12",
                "unknown probe kind 'icmp' (known: http, tcp, sql, command)");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String bad = GOOD.replace("status: 204", "status: 42").replace("whenProbeFails: [db]",
                "whenProbeFails: [nope]").replace("method: POST", "method: BREW");
        PlanFormatException e = catchRejection(bad);
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("line 10", "status: must be from 100 to 599", "line 19",
                "names no probe: 'nope'", "line 18", "must be one of GET, POST");
    }

    @Test
    void rejectsDuplicateKeysUnknownFieldsAndAMissingFault() {
        assertRejected(GOOD + "name: again\n", "line 22", "key 'name' appears twice");
        assertRejected(GOOD + "colour: blue\n", "line 22", "unknown field 'colour'");
        assertRejected(GOOD.replaceAll("(?s)fault:.*?abort:", "abort:"), "fault: is required");
        assertRejected("", "the plan is empty");
        assertRejected("- a list\n", "must be a mapping");
    }

    private static void assertRejected(String plan, String... parts) {
        assertThat(catchRejection(plan).getMessage()).contains(parts);
    }

    private static PlanFormatException catchRejection(String plan) {
        try {
            read(plan);
        } catch (PlanFormatException e) {
            return e;
        }
        throw new AssertionError("the plan was accepted:\n" + plan);
    }

    private static DrillPlan read(String plan) {
        return DrillPlanReader.read(plan.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void neverThrowsAnythingElse() {
        for (String s : new String[] {"{", "[[[[", "\t\t", "a: b: c", "? [x]\n: y", "format: &a [*a]", "\u0000"}) {
            assertThatThrownBy(() -> read(s)).isInstanceOf(PlanFormatException.class);
        }
    }
}
