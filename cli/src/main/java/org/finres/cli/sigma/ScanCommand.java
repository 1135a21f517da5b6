package org.finres.cli.sigma;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Output;
import org.finres.cli.remote.TextTable;
import org.finres.sigma.LoadReport;
import org.finres.sigma.Match;
import org.finres.sigma.SigmaEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "scan",
        description = {"Evaluate Sigma rules over event files locally: JSON arrays, JSON Lines or concatenated JSON "
                + "objects, Windows events as rendered from EVTX or NXLog-flattened.",
                "Prints one JSON line per match (or a table with --format table) and, on stderr, the matches per "
                        + "rule and the throughput."})
final class ScanCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions options;

    @Option(names = "--rules", paramLabel = "PATH", arity = "1..*", required = true,
            description = "Rule files or folders.")
    List<Path> rules;

    @Option(names = "--input", paramLabel = "PATH", arity = "1..*", required = true,
            description = "Event files or folders (.json, .jsonl, .ndjson files, recursively, in path order).")
    List<Path> inputs;

    @Option(names = "--format", paramLabel = "F", defaultValue = "jsonl",
            description = "jsonl (default): one JSON object per match; table: aligned columns.")
    String format;

    @Override
    public Integer call() {
        boolean table = switch (format.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> false;
            case "table" -> true;
            default -> throw options.usage("--format must be jsonl or table, not '" + format + "'");
        };
        options.requireExisting(rules, "rule");
        options.requireExisting(inputs, "input");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SigmaEngine engine = SigmaEngine.builder().pipeline(options.pipeline()).rules(rules.toArray(Path[]::new)).build();
        LoadReport report = engine.report();
        if (!report.failed().isEmpty() || !report.unsupported().isEmpty()) {
            // Scanning with the rules that did load is still useful; the user learns which did not from check.
            err.println("finres: " + report.failed().size() + " rule(s) failed to load and " + report.unsupported().size()
                    + " are unsupported; 'finres sigma check' lists them");
        }
        List<List<String>> rows = new ArrayList<>();
        Map<String, Long> perRule = new TreeMap<>();
        Consumer<Match> sink = match -> {
            perRule.merge(match.ruleId() + "  " + match.title(), 1L, Long::sum);
            if (table) {
                rows.add(List.of(match.ruleId(), match.title(), match.level() == null ? "" : match.level().token(),
                        match.input(), Long.toString(match.eventIndex()),
                        match.eventTime() == null ? "" : match.eventTime().toString()));
            } else {
                out.println(line(match));
            }
        };
        long started = System.nanoTime();
        long events = 0;
        for (Path file : eventFiles()) {
            try {
                events += engine.scan(file, sink);
            } catch (UncheckedIOException e) {
                throw options.usage("cannot read events from " + file + ": " + e.getCause().getMessage());
            }
        }
        engine.flush().forEach(sink);
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        if (table) {
            new TextTable(List.of("RULE", "TITLE", "LEVEL", "INPUT", "EVENT", "TIME"), rows).printTo(out);
        }
        out.flush();
        long matches = perRule.values().stream().mapToLong(Long::longValue).sum();
        perRule.forEach((rule, count) -> err.println(String.format(Locale.ROOT, "%,8d  %s", count,
                Output.printable(rule))));
        err.println(String.format(Locale.ROOT, "%,d matches of %,d rules in %,d events, %.2f s, %,.0f events/s",
                matches, engine.rules().size(), events, seconds, events / seconds));
        return ExitStatus.OK.code();
    }

    private static String line(Match match) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rule_id", match.ruleId());
        node.put("rule_title", match.title());
        node.put("level", match.level() == null ? null : match.level().token());
        node.put("input", match.input());
        node.put("event_index", match.eventIndex());
        node.put("event_time", match.eventTime() == null ? null : match.eventTime().toString());
        return JSON.writeValueAsString(node);
    }

    private List<Path> eventFiles() {
        List<Path> files = new ArrayList<>();
        for (Path path : inputs) {
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile).filter(f -> {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
                }).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
