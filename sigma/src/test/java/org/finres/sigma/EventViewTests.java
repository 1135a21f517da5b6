package org.finres.sigma;

import org.finres.sigma.event.EventView;
import org.finres.sigma.event.FlatEventView;
import org.finres.sigma.event.WindowsEventView;
import org.finres.sigma.mapping.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventViewTests {

    private static final String WINDOWS = """
            {"Event": {"#attributes": {"xmlns": "x"},
              "System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon", "Guid": "G"}},
                         "EventID": {"#attributes": {"Qualifiers": 0}, "#text": 4624},
                         "Channel": "Security", "Computer": "ws1",
                         "Execution": {"#attributes": {"ProcessID": 788, "ThreadID": 792}},
                         "Security": {"#attributes": {"UserID": "S-1-5-18"}},
                         "TimeCreated": {"#attributes": {"SystemTime": "2025-11-28T08:30:20.966901Z"}}},
              "EventData": {"TargetUserName": "bob", "LogonType": 3, "Hashes": null}}}
            """;

    @Test
    void windowsEventsAnswerSigmaFieldNames() {
        EventView e = TestRules.event(WINDOWS);
        assertThat(e).isInstanceOf(WindowsEventView.class);
        assertThat(e.field("TargetUserName")).isEqualTo("bob");
        assertThat(e.field("LogonType")).isEqualTo(3);
        assertThat(e.field("EventID")).isEqualTo(4624);
        assertThat(e.field("Channel")).isEqualTo("Security");
        assertThat(e.field("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.field("Execution_ProcessID")).isEqualTo(788);
        assertThat(e.field("Security_UserID")).isEqualTo("S-1-5-18");
        assertThat(e.field("Hashes")).isSameAs(EventView.JSON_NULL);
        assertThat(e.field("Missing")).isNull();
        assertThat(e.field("Event.System.Computer")).isEqualTo("ws1");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2025-11-28T08:30:20.966901Z"));
    }

    @Test
    void userDataAndDataListShapesAreFlattened() {
        EventView ud = TestRules.event("{\"Event\": {\"System\": {\"Channel\": \"c\"}, \"UserData\": {\"Operation_ClientFailure\": "
                + "{\"#attributes\": {\"xmlns\": \"x\"}, \"Operation\": \"Start IWbemServices::ExecMethod\"}}}}");
        assertThat(ud.field("Operation")).isEqualTo("Start IWbemServices::ExecMethod");
        EventView list = TestRules.event("{\"Event\": {\"System\": {\"Channel\": \"c\"}, \"EventData\": {\"Data\": ["
                + "{\"#attributes\": {\"Name\": \"Image\"}, \"#text\": \"a.exe\"}]}}}");
        assertThat(list.field("Image")).isEqualTo("a.exe");
    }

    @Test
    void flatEventsResolveDottedPathsAndNxlogNames() {
        EventView e = TestRules.event("{\"SourceName\": \"Microsoft-Windows-Sysmon\", \"Hostname\": \"WS6\", \"a\": {\"b.c\": {\"d\": 1}},"
                + " \"x.y\": \"literal\", \"EventTime\": \"2020-06-09 22:50:54\"}");
        assertThat(e).isInstanceOf(FlatEventView.class);
        assertThat(e.field("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.field("Computer")).isEqualTo("WS6");
        assertThat(e.field("a.b.c.d")).isEqualTo(1);
        assertThat(e.field("x.y")).isEqualTo("literal");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2020-06-09T22:50:54Z"));
    }

    @Test
    void timesInCommonFormatsAreRead() {
        assertThat(EventView.parseTime("2024-01-02T03:04:05+0200")).isEqualTo(Instant.parse("2024-01-02T01:04:05Z"));
        assertThat(EventView.parseTime("2024-01-02 03:04:05.123")).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
        assertThat(EventView.parseTime(1_700_000_000L)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(EventView.parseTime(1_700_000_000_123L)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(EventView.parseTime("yesterday")).isNull();
    }

    @Test
    void readerAcceptsArraysJsonLinesAndConcatenatedObjects() {
        for (String input : List.of("[{\"a\":1},{\"a\":2},{\"a\":3}]", "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", "{\"a\":1}{\"a\":2}\n\n  {\"a\":3}")) {
            List<Object> values = new ArrayList<>();
            try (EventReader r = EventReader.open(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))) {
                r.forEachRemaining(n -> values.add(n.get("a").intValue()));
            }
            assertThat(values).as(input).containsExactly(1, 2, 3);
        }
        assertThatThrownBy(() -> {
            try (EventReader r = EventReader.open(new ByteArrayInputStream("{\"a\":1}{\"a\":".getBytes(StandardCharsets.UTF_8)))) {
                r.forEachRemaining(n -> { });
            }
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void scanningAFileYieldsMatchesWithInputIndexAndTime(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, """
                {"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 1, "Image": "C:\\\\x\\\\calc.exe", "@timestamp": "2024-01-01T00:00:00Z"}
                {"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 1, "Image": "C:\\\\x\\\\whoami.exe", "@timestamp": "2024-01-01T00:00:01Z"}
                """);
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("sub"));
        Files.writeString(rules.resolve("sub/whoami.yml"), """
                title: Whoami
                id: 00000000-0000-0000-0000-0000000000aa
                level: medium
                logsource: {category: process_creation, product: windows}
                detection:
                    selection:
                        Image|endswith: '\\whoami.exe'
                    condition: selection
                """);
        Files.writeString(rules.resolve("broken.yml"), "title: [\n");
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.windows()).rules(rules).build();
        assertThat(e.report().files()).isEqualTo(2);
        assertThat(e.report().failed()).singleElement().satisfies(p -> {
            assertThat(p.source()).endsWith("broken.yml");
            assertThat(p.line()).isPositive();
        });
        List<Match> ms = new ArrayList<>();
        assertThat(e.scan(events, ms::add)).isEqualTo(2);
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("00000000-0000-0000-0000-0000000000aa");
            assertThat(m.title()).isEqualTo("Whoami");
            assertThat(m.level()).isEqualTo(org.finres.sigma.rule.Level.MEDIUM);
            assertThat(m.input()).isEqualTo(events.toString());
            assertThat(m.eventIndex()).isEqualTo(1);
            assertThat(m.eventTime()).isEqualTo(Instant.parse("2024-01-01T00:00:01Z"));
        });
    }
}
