package org.finres.sigma;

import org.finres.sigma.event.EventView;
import org.finres.sigma.mapping.Pipeline;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds small engines from rule text and runs JSON events through them. */
final class TestRules {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private TestRules() {}

    /** A rule with the given detection body (indented by four spaces already or not; we indent it). */
    static String rule(String id, String detection) {
        StringBuilder b = new StringBuilder("title: test rule " + id + "\nid: " + id + "\nlevel: high\n"
                + "logsource:\n    product: test\ndetection:\n");
        for (String line : detection.stripIndent().split("\n")) b.append("    ").append(line).append('\n');
        return b.toString();
    }

    /** An engine over the given documents (one file each) with no field mapping; fails on any load problem. */
    static SigmaEngine engine(String... files) {
        return engine(Pipeline.none(), files);
    }

    static SigmaEngine engine(Pipeline pipeline, String... files) {
        SigmaEngine.Builder b = SigmaEngine.builder().pipeline(pipeline);
        for (int i = 0; i < files.length; i++) b.ruleText("file" + i + ".yml", files[i]);
        SigmaEngine e = b.build();
        assertThat(e.report().failed()).as("failed").isEmpty();
        assertThat(e.report().unsupported()).as("unsupported").isEmpty();
        return e;
    }

    static List<Match> run(SigmaEngine engine, String... events) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) out.addAll(engine.evaluate(event(events[i]), "test", i));
        out.addAll(engine.flush());
        return out;
    }

    static EventView event(String json) {
        return EventView.of(JSON.readTree(json));
    }

    /** Whether a detection (given as YAML body) matches a single JSON event. */
    static boolean matches(String detection, String eventJson) {
        SigmaEngine e = engine(rule("r", detection));
        return !e.evaluate(event(eventJson), "test", 0).isEmpty();
    }
}
