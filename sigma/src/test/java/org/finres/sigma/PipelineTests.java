package org.finres.sigma;

import org.finres.sigma.mapping.LogSourceMapping;
import org.finres.sigma.mapping.Pipeline;
import org.finres.sigma.rule.LogSource;
import org.finres.sigma.rule.SigmaRuleException;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineTests {

    private static final String WHOAMI = """
            title: Whoami Execution
            id: 00000000-0000-0000-0000-000000000001
            level: low
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection
            """;

    private static String windowsEvent(String channel, int eventId, String data) {
        return "{\"Event\": {\"System\": {\"Channel\": \"" + channel + "\", \"EventID\": " + eventId
                + ", \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2024-01-02T03:04:05.678Z\"}}}, \"EventData\": {" + data + "}}}";
    }

    @Test
    void processCreationComesFromSysmonAndFromSecurity4688WithItsOwnFieldNames() {
        SigmaEngine e = TestRules.engine(Pipeline.windows(), WHOAMI);
        String sysmon = windowsEvent("Microsoft-Windows-Sysmon/Operational", 1, "\"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\"");
        String security = windowsEvent("Security", 4688, "\"NewProcessName\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\"");
        String otherId = windowsEvent("Microsoft-Windows-Sysmon/Operational", 3, "\"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\"");
        String otherChannel = windowsEvent("Application", 1, "\"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\"");
        List<Match> ms = TestRules.run(e, sysmon, security, otherId, otherChannel);
        assertThat(ms).extracting(Match::eventIndex).containsExactly(0L, 1L);
        assertThat(ms.getFirst().eventTime()).hasToString("2024-01-02T03:04:05.678Z");
        assertThat(ms.getFirst().title()).isEqualTo("Whoami Execution");
    }

    @Test
    void servicesMapToTheirChannels() {
        String rule = TestRules.rule("00000000-0000-0000-0000-000000000002", "sel:\n    EventID: 4624\ncondition: sel")
                .replace("product: test", "product: windows\n    service: security");
        SigmaEngine e = TestRules.engine(Pipeline.windows(), rule);
        assertThat(TestRules.run(e, windowsEvent("Security", 4624, ""), windowsEvent("System", 4624, ""))).hasSize(1);
    }

    @Test
    void nxlogFlattenedEventsUseTheSamePipeline() {
        SigmaEngine e = TestRules.engine(Pipeline.windows(), WHOAMI, TestRules.rule("00000000-0000-0000-0000-000000000003",
                "sel:\n    Provider_Name: 'Microsoft-Windows-Sysmon'\ncondition: sel").replace("product: test", "product: windows\n    service: sysmon"));
        String nxlog = "{\"Channel\": \"Microsoft-Windows-Sysmon/Operational\", \"EventID\": 1, \"SourceName\": \"Microsoft-Windows-Sysmon\","
                + " \"Image\": \"C:\\\\Windows\\\\System32\\\\WHOAMI.EXE\", \"@timestamp\": \"2020-06-10T02:50:56.537Z\"}";
        List<Match> ms = TestRules.run(e, nxlog);
        assertThat(ms).extracting(Match::ruleId).containsExactly("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000003");
        assertThat(ms.getFirst().eventTime()).hasToString("2020-06-10T02:50:56.537Z");
    }

    @Test
    void rulesForLogSourcesThePipelineDoesNotCoverLoadButStayInactive() {
        String linux = TestRules.rule("00000000-0000-0000-0000-000000000004", "sel:\n    Image|endswith: '/bash'\ncondition: sel")
                .replace("product: test", "product: linux\n    category: process_creation");
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.windows()).ruleText("l.yml", linux).build();
        assertThat(e.report().failed()).isEmpty();
        assertThat(e.report().loaded()).singleElement().satisfies(l -> assertThat(l.active()).isFalse());
        assertThat(e.report().warnings()).singleElement().satisfies(w -> assertThat(w.reason()).contains("not covered"));
        assertThat(e.rules()).isEmpty();
        // Under the generic pipeline the same rule applies to every event.
        assertThat(TestRules.run(TestRules.engine(linux), "{\"Image\": \"/usr/bin/bash\"}")).hasSize(1);
    }

    @Test
    void metaFiltersSuppressMatchesOfTheirRules() {
        String rule = TestRules.rule("00000000-0000-0000-0000-000000000005", "sel:\n    Image|endswith: '\\rar.exe'\ncondition: sel");
        String filter = """
                title: Filter Administrator account
                logsource:
                    product: test
                filter:
                    rules:
                        - 00000000-0000-0000-0000-000000000005
                    selection:
                        User|startswith: 'adm_'
                    condition: selection
                """;
        SigmaEngine e = TestRules.engine(rule, filter);
        List<Match> ms = TestRules.run(e, "{\"Image\": \"C:\\\\rar.exe\", \"User\": \"ADM_bob\"}", "{\"Image\": \"C:\\\\rar.exe\", \"User\": \"bob\"}");
        assertThat(ms).extracting(Match::eventIndex).containsExactly(1L);
        assertThat(e.report().loaded()).extracting(LoadReport.Loaded::kind).contains("filter");
    }

    @Test
    void filtersWithAnIncompatibleLogSourceAreNotAppliedAndSaySo() {
        String rule = TestRules.rule("00000000-0000-0000-0000-000000000006", "sel:\n    a: 1\ncondition: sel");
        String filter = "title: f\nlogsource: {product: other}\nfilter:\n    rules: [00000000-0000-0000-0000-000000000006]\n"
                + "    selection: {b: 2}\n    condition: selection\n";
        SigmaEngine e = TestRules.engine(rule, filter);
        assertThat(e.report().warnings()).singleElement().satisfies(w -> assertThat(w.reason()).contains("does not fit"));
        assertThat(TestRules.run(e, "{\"a\": 1, \"b\": 2}")).hasSize(1);
    }

    @Test
    void ourPipelineFormatMapsFieldsToAlternativesAndConditionsToEvents() {
        Pipeline p = Pipeline.parse("custom.yml", """
                name: custom
                unmapped: none
                index: [source]
                fields:
                    User: [user.name, account]
                logsources:
                    - name: web
                      match: {category: webserver}
                      conditions: {source: [nginx, apache]}
                      fields: {c-uri: url.path}
                """);
        assertThat(p.name()).isEqualTo("custom");
        LogSourceMapping web = p.resolve(new LogSource("webserver", null, null, Map.of())).getFirst();
        assertThat(p.eventFields("c-uri", web)).containsExactly("url.path");
        assertThat(p.eventFields("User", web)).containsExactly("user.name", "account");
        String rule = "title: t\nid: 00000000-0000-0000-0000-000000000007\nlogsource: {category: webserver}\ndetection:\n"
                + "    sel:\n        c-uri|contains: '/admin'\n        User: 'root'\n    condition: sel\n";
        SigmaEngine e = TestRules.engine(p, rule);
        assertThat(TestRules.run(e,
                "{\"source\": \"NGINX\", \"url\": {\"path\": \"/admin/x\"}, \"account\": \"root\"}",
                "{\"source\": \"iis\", \"url\": {\"path\": \"/admin/x\"}, \"account\": \"root\"}",
                "{\"source\": \"apache\", \"url\": {\"path\": \"/admin/x\"}, \"user\": {\"name\": \"ROOT\"}}"))
                .extracting(Match::eventIndex).containsExactly(0L, 2L);
    }

    @Test
    void malformedPipelinesAreRejected() {
        assertThatThrownBy(() -> Pipeline.parse("p.yml", "logsources:\n  - match: {vendor: x}\n"))
                .isInstanceOf(SigmaRuleException.class).hasMessageContaining("unknown match key 'vendor'");
        assertThatThrownBy(() -> Pipeline.parse("p.yml", "unmapped: maybe\n")).isInstanceOf(SigmaRuleException.class);
        assertThatThrownBy(() -> Pipeline.parse("p.yml", "logsources: 3\n")).isInstanceOf(SigmaRuleException.class);
        assertThatThrownBy(() -> Pipeline.parse("p.yml", "index: [a, b, c]\n")).isInstanceOf(SigmaRuleException.class);
    }

    /**
     * Our Windows pipeline is written by us from the taxonomy; THOR's mapping is an independent guide. Every event id
     * THOR gives a Windows category and every channel it gives a Windows service must be in ours, so neither drifts.
     */
    @Test
    @SuppressWarnings("unchecked")
    void windowsPipelineAgreesWithTheThorMapping() throws IOException {
        Map<String, Object> thor = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(SharedCorpus.require(SharedCorpus.THOR_MAPPING)));
        Pipeline ours = Pipeline.windows();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Object> entry : ((Map<String, Object>) thor.get("logsources")).entrySet()) {
            Map<String, Object> ls = (Map<String, Object>) entry.getValue();
            String product = (String) ls.get("product");
            String category = (String) ls.get("category");
            String service = (String) ls.get("service");
            Map<String, Object> conditions = (Map<String, Object>) ls.get("conditions");
            List<String> sources = (List<String>) ls.get("sources");
            if (category != null && conditions != null && conditions.get("EventID") != null) {
                List<LogSourceMapping> mine = ours.resolve(new LogSource(category, product == null ? "windows" : product, null, Map.of()));
                Set<String> ids = new HashSet<>();
                for (LogSourceMapping m : mine) ids.addAll(m.conditions().getOrDefault("EventID", List.of()));
                Object want = conditions.get("EventID");
                for (Object id : want instanceof List<?> l ? l : List.of(want)) {
                    checked++;
                    if (!ids.contains(id.toString())) mismatches.add(entry.getKey() + ": category " + category + " lacks EventID " + id);
                }
            } else if ("windows".equals(product) && service != null && sources != null) {
                Set<String> channels = new HashSet<>();
                for (LogSourceMapping m : ours.resolve(new LogSource(null, "windows", service, Map.of())))
                    channels.addAll(m.conditions().getOrDefault("Channel", List.of()));
                for (String s : sources) {
                    if (!s.startsWith("WinEventLog:")) continue;
                    checked++;
                    String channel = s.substring("WinEventLog:".length());
                    if (!channels.contains(channel)) mismatches.add(entry.getKey() + ": service " + service + " lacks channel " + channel);
                }
            }
        }
        assertThat(checked).isGreaterThan(80);
        assertThat(mismatches).isEmpty();
    }
}
