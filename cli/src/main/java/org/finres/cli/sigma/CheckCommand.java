package org.finres.cli.sigma;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Output;
import org.finres.sigma.LoadReport;
import org.finres.sigma.SigmaEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check",
        description = {"Validate Sigma rule files (folders are searched recursively for .yml and .yaml).",
                "Prints per file ok, failed (file:line:column: reason) or unsupported, then a summary. Exit code 0 "
                        + "when every rule loads, 2 when any failed."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions options;

    @Option(names = "--warnings", description = "List the warnings (rules inactive under the mapping, filters that "
            + "do not fit, duplicate ids) on stderr, not only their number.")
    boolean warnings;

    @Parameters(paramLabel = "RULES", arity = "1..*", description = "Rule files or folders.")
    List<Path> rules;

    @Override
    public Integer call() {
        options.requireExisting(rules, "rule");
        SigmaEngine engine = SigmaEngine.builder().pipeline(options.pipeline()).rules(rules.toArray(Path[]::new)).build();
        LoadReport report = engine.report();
        PrintWriter out = spec.commandLine().getOut();
        // The report lists problems by source; files without any are the ones that loaded cleanly.
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        for (Path file : ruleFiles()) {
            byFile.put(file.toString(), new ArrayList<>());
        }
        report.failed().forEach(p -> byFile.computeIfAbsent(p.source(), k -> new ArrayList<>())
                .add("failed       " + Output.printable(p.toString())));
        report.unsupported().forEach(p -> byFile.computeIfAbsent(p.source(), k -> new ArrayList<>())
                .add("unsupported  " + Output.printable(p.toString())));
        byFile.forEach((file, problems) -> {
            if (problems.isEmpty()) {
                out.println("ok           " + Output.printable(file));
            } else {
                problems.forEach(out::println);
            }
        });
        PrintWriter err = spec.commandLine().getErr();
        // On a whole rule set most warnings are rules for other platforms; listing them by default buries the failures.
        if (warnings) {
            report.warnings().forEach(w -> err.println("warning: " + Output.printable(w.toString())));
        }
        out.println(report.summary());
        return report.failed().isEmpty() ? ExitStatus.OK.code() : ExitStatus.REFUSED.code();
    }

    /** The files the engine reads, in its order: regular .yml/.yaml files under each path, sorted. */
    private List<Path> ruleFiles() {
        List<Path> files = new ArrayList<>();
        for (Path path : rules) {
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
