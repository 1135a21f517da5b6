package org.finres.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.finres.sigma.LoadReport;
import org.finres.sigma.SigmaEngine;
import org.finres.sigma.event.EventView;
import org.finres.sigma.mapping.Pipeline;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every SigmaHQ Windows rule over the OTRF corpus on one core: events/s of parsing alone (the baseline), of
 * parsing and evaluating, and of evaluating pre-parsed events, all in one run.
 */
public final class SigmaBenchmark {

    public static void main(String[] args) {
        Path rules = Path.of("../shared/data/sigma/rules/rules/windows");
        if (!Files.isDirectory(rules)) {
            throw new IllegalStateException("SigmaHQ rules not found at " + rules.toAbsolutePath());
        }
        int requested = OtrfCorpus.eventsRequested(200_000);
        List<String> lines = OtrfCorpus.lines(requested);
        long loadStart = System.nanoTime();
        SigmaEngine engine = SigmaEngine.builder().pipeline(Pipeline.windows()).rules(rules).build();
        LoadReport report = engine.report();
        System.out.printf("%,d rules compiled in %.1f s from %,d files (%d failed, %d unsupported, %d warnings)%n",
                engine.rules().size(), (System.nanoTime() - loadStart) / 1e9, report.files(), report.failed().size(),
                report.unsupported().size(), report.warnings().size());
        System.out.printf("rule index: %,d variants, %,d through necessary literals; %s%n", engine.index().size(),
                engine.index().indexedByLiteral(), engine.index().describe());
        System.out.printf("%,d OTRF events%n", lines.size());
        JsonMapper json = JsonMapper.builder().build();

        double parse = 0;
        double parseAndEvaluate = 0;
        double evaluate = 0;
        long matches = 0;
        List<JsonNode> parsed = new ArrayList<>(lines.size());
        for (String line : lines) {
            parsed.add(json.readTree(line));
        }
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long fields = 0;
            for (String line : lines) {
                fields += json.readTree(line).size();
            }
            parse = Math.max(parse, lines.size() / seconds(start));

            start = System.nanoTime();
            long found = 0;
            for (int i = 0; i < lines.size(); i++) {
                found += engine.evaluate(EventView.of(json.readTree(lines.get(i))), "otrf", i).size();
            }
            parseAndEvaluate = Math.max(parseAndEvaluate, lines.size() / seconds(start));

            start = System.nanoTime();
            long foundAgain = 0;
            for (int i = 0; i < parsed.size(); i++) {
                foundAgain += engine.evaluate(EventView.of(parsed.get(i)), "otrf", i).size();
            }
            evaluate = Math.max(evaluate, parsed.size() / seconds(start));
            matches = foundAgain;
            if (fields == 0 || found < 0) {
                throw new IllegalStateException("nothing parsed");
            }
        }
        System.out.println();
        System.out.println("| measure (1 core) | events/s | ratio to parsing |");
        System.out.println("| --- | --- | --- |");
        System.out.printf("| parse JSON (baseline) | %,.0f | 1.00 |%n", parse);
        System.out.printf("| parse + evaluate %,d rules | %,.0f | %.2f |%n", engine.rules().size(), parseAndEvaluate,
                parseAndEvaluate / parse);
        System.out.printf("| evaluate %,d rules on parsed events | %,.0f | %.2f |%n", engine.rules().size(), evaluate,
                evaluate / parse);
        System.out.printf("%,d detection matches per pass%n", matches);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private SigmaBenchmark() {
    }
}
