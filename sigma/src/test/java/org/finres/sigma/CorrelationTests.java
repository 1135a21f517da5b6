package org.finres.sigma;

import org.finres.sigma.correlation.CorrelationSettings;
import org.finres.sigma.mapping.Pipeline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every correlation type on event time: thresholds, window boundaries, out-of-order events, groups, chaining, state. */
class CorrelationTests {

    /** The specification's example: multiple failed logins followed by a successful login of the same user. */
    static final String FAILED_THEN_SUCCESS = """
            title: Correlation - Multiple Failed Logins Followed by Successful Login
            id: b180ead8-d58f-40b2-ae54-c8940995b9b6
            correlation:
                type: temporal_ordered
                rules:
                    - multiple_failed_login
                    - successful_login
                group-by:
                    - User
                timespan: 10m
            level: high
            ---
            title: Multiple failed logons
            id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
            name: multiple_failed_login
            correlation:
                type: event_count
                rules:
                    - failed_login
                group-by:
                    - User
                timespan: 10m
                condition:
                    gte: 10
            ---
            title: Single failed login
            id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
            name: failed_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID:
                        - 529
                        - 4625
                condition: selection
            ---
            title: Successful login
            id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
            name: successful_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID:
                        - 528
                        - 4624
                condition: selection
            """;

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static String base(String name, String id, String detection) {
        return "title: " + name + "\nid: " + id + "\nname: " + name + "\nlogsource:\n    product: test\ndetection:\n"
                + detection.stripIndent().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
    }

    private static final String LOGIN_FAIL = base("login_fail", "11111111-1111-1111-1111-111111111111",
            "sel:\n    EventID: 4625\ncondition: sel");

    private static String correlation(String type, String rules, String groupBy, String span, String condition, String extra) {
        return "title: corr " + type + "\nid: 99999999-9999-9999-9999-999999999999\nlevel: critical\ncorrelation:\n    type: " + type
                + "\n    rules: " + rules + "\n    group-by: " + groupBy + "\n    timespan: " + span + "\n"
                + (condition.isEmpty() ? "" : "    condition: " + condition + "\n") + extra;
    }

    /** An event at T0 + seconds with extra JSON members. */
    private static String at(long seconds, String members) {
        return "{\"@timestamp\": \"" + T0.plusSeconds(seconds) + "\"" + (members.isEmpty() ? "" : ", " + members) + "}";
    }

    private static String fail(long seconds, String user) {
        return at(seconds, "\"EventID\": 4625, \"User\": \"" + user + "\"");
    }

    private static SigmaEngine engine(Duration lateness, String... files) {
        SigmaEngine.Builder b = SigmaEngine.builder().pipeline(Pipeline.none())
                .correlationSettings(new CorrelationSettings(lateness, 1000, 1000));
        for (int i = 0; i < files.length; i++) b.ruleText("f" + i + ".yml", files[i]);
        SigmaEngine e = b.build();
        assertThat(e.report().failed()).isEmpty();
        return e;
    }

    private static List<Match> feed(SigmaEngine e, String... events) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) out.addAll(e.evaluate(TestRules.event(events[i]), "in", i));
        return out;
    }

    private static List<Match> correlations(List<Match> ms) {
        return ms.stream().filter(m -> m.kind() == Match.Kind.CORRELATION).toList();
    }

    @Test
    void eventCountFiresOnTheEventThatReachesTheThreshold() {
        SigmaEngine e = engine(Duration.ofMinutes(1), LOGIN_FAIL,
                correlation("event_count", "[login_fail]", "[User]", "1m", "{gte: 3}", ""));
        List<Match> ms = feed(e, fail(0, "bob"), fail(20, "bob"), fail(25, "alice"), fail(40, "bob"));
        assertThat(correlations(ms)).singleElement().satisfies(m -> {
            assertThat(m.eventIndex()).isEqualTo(3);
            assertThat(m.group()).isEqualTo(Map.of("User", "bob"));
            assertThat(m.eventTime()).isEqualTo(T0.plusSeconds(40));
            assertThat(m.ruleId()).isEqualTo("99999999-9999-9999-9999-999999999999");
        });
        assertThat(ms).as("members of a correlation without generate do not alert on their own")
                .allMatch(m -> m.kind() == Match.Kind.CORRELATION);
    }

    @Test
    void theWindowIncludesBothEndsOfTheTimespan() {
        String corr = correlation("event_count", "[login_fail]", "[User]", "60s", "{gte: 3}", "");
        assertThat(correlations(feed(engine(Duration.ZERO, LOGIN_FAIL, corr), fail(0, "bob"), fail(30, "bob"), fail(60, "bob")))).hasSize(1);
        assertThat(correlations(feed(engine(Duration.ZERO, LOGIN_FAIL, corr), fail(0, "bob"), fail(30, "bob"), fail(61, "bob")))).isEmpty();
    }

    @Test
    void outOfOrderEventsWithinTheLatenessAreCorrelated() {
        String corr = correlation("event_count", "[login_fail]", "[User]", "60s", "{gte: 3}", "");
        List<Match> ms = feed(engine(Duration.ofMinutes(2), LOGIN_FAIL, corr), fail(100, "bob"), fail(40, "bob"), fail(70, "bob"));
        assertThat(correlations(ms)).singleElement().satisfies(m -> assertThat(m.eventIndex()).isEqualTo(2));
        // A late event completes a window that ends after it.
        List<Match> late = feed(engine(Duration.ofMinutes(2), LOGIN_FAIL, corr), fail(100, "bob"), fail(130, "bob"), fail(45, "bob"), fail(75, "bob"));
        assertThat(correlations(late)).singleElement().satisfies(m -> assertThat(m.eventIndex()).isEqualTo(3));
    }

    @Test
    void eventsLaterThanTheLatenessAreIgnoredAndCounted() {
        SigmaEngine e = engine(Duration.ofSeconds(10), LOGIN_FAIL,
                correlation("event_count", "[login_fail]", "[User]", "10m", "{gte: 3}", ""));
        assertThat(correlations(feed(e, fail(100, "bob"), fail(200, "bob"), fail(50, "bob")))).isEmpty();
        assertThat(e.correlationStats().lateEvents()).isEqualTo(1);
    }

    @Test
    void groupsAreCountedSeparately() {
        SigmaEngine e = engine(Duration.ZERO, LOGIN_FAIL,
                correlation("event_count", "[login_fail]", "[User, Host]", "5m", "{gte: 2}", ""));
        List<Match> ms = feed(e,
                at(0, "\"EventID\": 4625, \"User\": \"bob\", \"Host\": \"a\""),
                at(1, "\"EventID\": 4625, \"User\": \"bob\", \"Host\": \"b\""),
                at(2, "\"EventID\": 4625, \"User\": \"eve\", \"Host\": \"a\""),
                at(3, "\"EventID\": 4625, \"Host\": \"a\""),
                at(4, "\"EventID\": 4625, \"User\": \"bob\", \"Host\": \"b\""));
        assertThat(correlations(ms)).singleElement().satisfies(m -> assertThat(m.group()).isEqualTo(Map.of("User", "bob", "Host", "b")));
        assertThat(e.correlationStats().missingGroupField()).isEqualTo(1);
    }

    @Test
    void aGroupFiresOncePerBurst() {
        SigmaEngine e = engine(Duration.ZERO, LOGIN_FAIL,
                correlation("event_count", "[login_fail]", "[User]", "5m", "{gte: 2}", ""));
        assertThat(correlations(feed(e, fail(0, "bob"), fail(1, "bob"), fail(2, "bob"), fail(3, "bob")))).hasSize(2);
    }

    @Test
    void valueCountCountsDistinctValues() {
        SigmaEngine e = engine(Duration.ZERO, LOGIN_FAIL,
                correlation("value_count", "[login_fail]", "[Ip]", "1h", "{field: User, gte: 3}", ""));
        List<Match> ms = feed(e,
                at(0, "\"EventID\": 4625, \"Ip\": \"10.0.0.1\", \"User\": \"a\""),
                at(1, "\"EventID\": 4625, \"Ip\": \"10.0.0.1\", \"User\": \"a\""),
                at(2, "\"EventID\": 4625, \"Ip\": \"10.0.0.1\", \"User\": \"b\""),
                at(3, "\"EventID\": 4625, \"Ip\": \"10.0.0.2\", \"User\": \"c\""),
                at(4, "\"EventID\": 4625, \"Ip\": \"10.0.0.1\", \"User\": \"c\""));
        assertThat(correlations(ms)).singleElement().satisfies(m -> {
            assertThat(m.eventIndex()).isEqualTo(4);
            assertThat(m.group()).containsEntry("Ip", "10.0.0.1");
        });
    }

    private static final String RECON_A = base("recon_a", "aaaaaaaa-0000-0000-0000-000000000001", "sel:\n    Cmd: whoami\ncondition: sel");
    private static final String RECON_B = base("recon_b", "aaaaaaaa-0000-0000-0000-000000000002", "sel:\n    Cmd: ipconfig\ncondition: sel");
    private static final String RECON_C = base("recon_c", "aaaaaaaa-0000-0000-0000-000000000003", "sel:\n    Cmd: net\ncondition: sel");

    private static String cmd(long s, String host, String cmd) {
        return at(s, "\"Host\": \"" + host + "\", \"Cmd\": \"" + cmd + "\"");
    }

    @Test
    void temporalNeedsEveryRuleWithinTheTimespanInAnyOrder() {
        String corr = correlation("temporal", "[recon_a, recon_b, recon_c]", "[Host]", "5m", "", "");
        assertThat(correlations(feed(engine(Duration.ZERO, RECON_A, RECON_B, RECON_C, corr),
                cmd(0, "h", "net"), cmd(10, "h", "whoami"), cmd(10, "other", "ipconfig"), cmd(200, "h", "ipconfig"))))
                .singleElement().satisfies(m -> assertThat(m.eventIndex()).isEqualTo(3));
        assertThat(correlations(feed(engine(Duration.ZERO, RECON_A, RECON_B, RECON_C, corr),
                cmd(0, "h", "net"), cmd(10, "h", "whoami"), cmd(301, "h", "ipconfig")))).isEmpty();
        assertThat(correlations(feed(engine(Duration.ZERO, RECON_A, RECON_B, RECON_C, corr),
                cmd(0, "h", "net"), cmd(10, "h", "net"), cmd(20, "h", "whoami")))).isEmpty();
    }

    @Test
    void temporalWithAConditionCountsDistinctRules() {
        String corr = correlation("temporal", "[recon_a, recon_b, recon_c]", "[Host]", "5m", "{gte: 2}", "");
        assertThat(correlations(feed(engine(Duration.ZERO, RECON_A, RECON_B, RECON_C, corr),
                cmd(0, "h", "net"), cmd(10, "h", "net"), cmd(20, "h", "whoami")))).hasSize(1);
    }

    @Test
    void temporalOrderedNeedsTheRulesInTheirOrder() {
        String corr = correlation("temporal_ordered", "[recon_a, recon_b, recon_c]", "[Host]", "5m", "", "");
        assertThat(correlations(feed(engine(Duration.ZERO, RECON_A, RECON_B, RECON_C, corr),
                cmd(0, "h", "whoami"), cmd(10, "h", "ipconfig"), cmd(20, "h", "net")))).hasSize(1);
        assertThat(correlations(feed(engine(Duration.ZERO, RECON_A, RECON_B, RECON_C, corr),
                cmd(0, "h", "net"), cmd(10, "h", "ipconfig"), cmd(20, "h", "whoami")))).isEmpty();
        // Order is event time, not arrival: b arrives first but happened after a.
        assertThat(correlations(feed(engine(Duration.ofMinutes(5), RECON_A, RECON_B, RECON_C, corr),
                cmd(10, "h", "ipconfig"), cmd(0, "h", "whoami"), cmd(20, "h", "net")))).hasSize(1);
    }

    @Test
    void valueSumAddsANumericField() {
        String web = base("web", "bbbbbbbb-0000-0000-0000-000000000001", "sel:\n    Kind: upload\ncondition: sel");
        SigmaEngine e = engine(Duration.ZERO, web, correlation("value_sum", "[web]", "[Src]", "1h", "{field: Bytes, gt: 1000}", ""));
        List<Match> ms = feed(e,
                at(0, "\"Kind\": \"upload\", \"Src\": \"a\", \"Bytes\": 600"),
                at(1, "\"Kind\": \"upload\", \"Src\": \"b\", \"Bytes\": 900"),
                at(2, "\"Kind\": \"upload\", \"Src\": \"a\", \"Bytes\": \"401\""));
        assertThat(correlations(ms)).singleElement().satisfies(m -> assertThat(m.group()).containsEntry("Src", "a"));
    }

    @Test
    void valueAverageIsDecidedWhenTheWindowCloses() {
        String web = base("web", "bbbbbbbb-0000-0000-0000-000000000001", "sel:\n    Kind: upload\ncondition: sel");
        SigmaEngine e = engine(Duration.ZERO, web, correlation("value_avg", "[web]", "[Src]", "10m", "{field: Bytes, gt: 500}", ""));
        List<Match> during = feed(e,
                at(0, "\"Kind\": \"upload\", \"Src\": \"a\", \"Bytes\": 900"),
                at(60, "\"Kind\": \"upload\", \"Src\": \"a\", \"Bytes\": 300"),
                at(120, "\"Kind\": \"upload\", \"Src\": \"b\", \"Bytes\": 100"));
        assertThat(correlations(during)).as("a high first value alone must not fire").isEmpty();
        // An unrelated later event moves the watermark past the window end: average 600 > 500.
        List<Match> after = feed(e, at(601, "\"Kind\": \"other\""));
        assertThat(correlations(after)).singleElement().satisfies(m -> {
            assertThat(m.group()).containsEntry("Src", "a");
            assertThat(m.eventIndex()).isEqualTo(1);
        });
        assertThat(correlations(e.flush())).as("b's average 100 is not above 500").isEmpty();
    }

    @Test
    void upperBoundConditionsAreDecidedAtTheEndOfTheWindow() {
        SigmaEngine e = engine(Duration.ZERO, LOGIN_FAIL,
                correlation("event_count", "[login_fail]", "[User]", "1m", "{gt: 1, lt: 4}", ""));
        List<Match> ms = feed(e, fail(0, "bob"), fail(10, "bob"), fail(20, "eve"), fail(21, "eve"), fail(22, "eve"),
                fail(23, "eve"), fail(30, "ann"));
        assertThat(correlations(ms)).isEmpty();
        List<Match> flushed = e.flush();
        assertThat(correlations(flushed)).extracting(m -> m.group().get("User")).containsExactly("bob");
    }

    @Test
    void valuePercentileFiresForRareValues() {
        String proc = base("proc", "cccccccc-0000-0000-0000-000000000001", "sel:\n    Kind: process\ncondition: sel");
        SigmaEngine e = engine(Duration.ZERO, proc, correlation("value_percentile", "[proc]", "[Host]", "1h", "{field: Image, lte: 10}", ""));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 19; i++) events.add(at(i, "\"Kind\": \"process\", \"Host\": \"h\", \"Image\": \"svchost.exe\""));
        events.add(at(30, "\"Kind\": \"process\", \"Host\": \"h\", \"Image\": \"mimikatz.exe\""));
        assertThat(correlations(feed(e, events.toArray(String[]::new)))).isEmpty();
        assertThat(correlations(e.flush())).singleElement().satisfies(m -> {
            assertThat(m.group()).containsEntry("Image", "mimikatz.exe");
            assertThat(m.eventIndex()).isEqualTo(19);
        });
    }

    @Test
    void chainedCorrelationsOfTheSpecificationExampleFire() {
        SigmaEngine e = engine(Duration.ZERO, FAILED_THEN_SUCCESS);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) events.add(fail(i * 10, "bob"));
        for (int i = 0; i < 9; i++) events.add(fail(i * 10, "eve"));
        events.add(at(200, "\"EventID\": 4624, \"User\": \"eve\""));
        events.add(at(300, "\"EventID\": 4624, \"User\": \"bob\""));
        List<Match> ms = feed(e, events.toArray(String[]::new));
        assertThat(ms).as("only the outermost correlation alerts").singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("b180ead8-d58f-40b2-ae54-c8940995b9b6");
            assertThat(m.group()).isEqualTo(Map.of("User", "bob"));
            assertThat(m.eventIndex()).isEqualTo(20);
            assertThat(m.level()).isEqualTo(org.finres.sigma.rule.Level.HIGH);
        });
    }

    @Test
    void successBeforeTheFailuresDoesNotCompleteTheOrderedChain() {
        SigmaEngine e = engine(Duration.ZERO, FAILED_THEN_SUCCESS);
        List<String> events = new ArrayList<>();
        events.add(at(0, "\"EventID\": 4624, \"User\": \"bob\""));
        for (int i = 1; i <= 10; i++) events.add(fail(i * 10, "bob"));
        assertThat(feed(e, events.toArray(String[]::new))).isEmpty();
    }

    @Test
    void aliasesGroupDifferentFieldsTogether() {
        String internalError = base("internal_error", "dddddddd-0000-0000-0000-000000000001", "sel:\n    status: 500\ncondition: sel");
        String newConnection = base("new_network_connection", "dddddddd-0000-0000-0000-000000000002", "sel:\n    type: connection\ncondition: sel");
        String corr = correlation("temporal", "[internal_error, new_network_connection]", "[internal_ip, remote_ip]", "10s", "",
                "    aliases:\n        internal_ip:\n            internal_error: destination.ip\n            new_network_connection: source.ip\n"
                        + "        remote_ip:\n            internal_error: source.ip\n            new_network_connection: destination.ip\n");
        SigmaEngine e = engine(Duration.ZERO, internalError, newConnection, corr);
        List<Match> ms = feed(e,
                at(0, "\"status\": 500, \"destination\": {\"ip\": \"10.0.0.5\"}, \"source\": {\"ip\": \"1.2.3.4\"}"),
                at(3, "\"type\": \"connection\", \"source\": {\"ip\": \"10.0.0.9\"}, \"destination\": {\"ip\": \"1.2.3.4\"}"),
                at(5, "\"type\": \"connection\", \"source\": {\"ip\": \"10.0.0.5\"}, \"destination\": {\"ip\": \"1.2.3.4\"}"));
        assertThat(correlations(ms)).singleElement().satisfies(m -> {
            assertThat(m.group()).isEqualTo(Map.of("internal_ip", "10.0.0.5", "remote_ip", "1.2.3.4"));
            assertThat(m.eventIndex()).isEqualTo(2);
        });
    }

    @Test
    void generateAlsoEmitsTheMemberRules() {
        SigmaEngine e = engine(Duration.ZERO, LOGIN_FAIL,
                correlation("event_count", "[login_fail]", "[User]", "1m", "{gte: 2}", "    generate: true\n"));
        List<Match> ms = feed(e, fail(0, "bob"), fail(1, "bob"));
        assertThat(ms).extracting(Match::kind).containsExactly(Match.Kind.DETECTION, Match.Kind.DETECTION, Match.Kind.CORRELATION);
    }

    @Test
    void stateSurvivesAnExportAndImport() {
        String corr = correlation("event_count", "[login_fail]", "[User]", "5m", "{gte: 3}", "");
        SigmaEngine before = engine(Duration.ofMinutes(1), LOGIN_FAIL, corr);
        assertThat(correlations(feed(before, fail(0, "bob"), fail(10, "bob")))).isEmpty();
        String state = before.exportState();
        assertThat(state).contains("bob");

        SigmaEngine after = engine(Duration.ofMinutes(1), LOGIN_FAIL, corr);
        assertThat(after.importState(state)).isEqualTo(1);
        assertThat(correlations(feed(after, fail(20, "bob")))).hasSize(1);

        SigmaEngine fresh = engine(Duration.ofMinutes(1), LOGIN_FAIL, corr);
        assertThat(correlations(feed(fresh, fail(20, "bob")))).isEmpty();
    }

    @Test
    void malformedStateIsRejected() {
        SigmaEngine e = engine(Duration.ZERO, LOGIN_FAIL, correlation("event_count", "[login_fail]", "[User]", "5m", "{gte: 3}", ""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.importState("{not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateIsBoundedByGroupsAndEntries() {
        SigmaEngine.Builder b = SigmaEngine.builder().pipeline(Pipeline.none())
                .correlationSettings(new CorrelationSettings(Duration.ofHours(1), 2, 3))
                .ruleText("a.yml", LOGIN_FAIL)
                .ruleText("b.yml", correlation("event_count", "[login_fail]", "[User]", "1h", "{gte: 100}", ""));
        SigmaEngine e = b.build();
        feed(e, fail(0, "a"), fail(1, "b"), fail(2, "c"), fail(3, "c"), fail(4, "c"), fail(5, "c"));
        assertThat(e.correlationStats().droppedGroups()).isEqualTo(1);
        assertThat(e.correlationStats().droppedEntries()).isEqualTo(1);
        assertThat(e.correlationStats().openGroups()).isEqualTo(2);
    }

    @Test
    void unknownMembersAndCyclesFailToLoad() {
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                .ruleText("a.yml", correlation("event_count", "[nothing_here]", "[User]", "1h", "{gte: 2}", ""))
                .ruleText("b.yml", "title: x\nname: x\ncorrelation: {type: temporal, rules: [y], group-by: [U], timespan: 1m}\n---\n"
                        + "title: y\nname: y\ncorrelation: {type: temporal, rules: [x], group-by: [U], timespan: 1m}\n")
                .build();
        assertThat(e.report().failed()).extracting(LoadReport.Problem::reason)
                .anySatisfy(r -> assertThat(r).contains("'nothing_here'"))
                .anySatisfy(r -> assertThat(r).contains("refers back to itself"));
    }
}
