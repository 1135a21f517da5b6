package org.finres.cli.vault;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.finres.cli.ExitStatus;
import org.finres.vault.engine.Problem;
import org.finres.vault.engine.Progress;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "verify",
        description = {"Read back every byte of the repository: every blob of every pack (authenticated, "
                + "decompressed, hashed to its id), every index file and every manifest.",
                "Names every damaged object (pack and offset, index file, manifest) and every snapshot file it hurts; "
                        + "it does not stop at the first problem. Read-only.",
                "Exit codes: 0 sound, 1 usage, 5 damaged (the problems are listed), 6 wrong passphrase, "
                        + "7 storage failed."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--progress", paramLabel = "STYLE", defaultValue = "auto",
            description = "auto (a bar on a terminal, else a line every 10 s), bar, lines or none.")
    String progressStyle;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ProgressMeter meter;
        try {
            meter = new ProgressMeter(err, ProgressMeter.style(progressStyle, err), "verifying");
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, e.getMessage());
        }
        VerifyReport report;
        try (VaultRepository repo = Repositories.open(repository.path(), passphrase.wrapping(false))) {
            report = repo.verify(p -> {
                if (p instanceof Progress.Verify v) {
                    meter.update(v.bytesRead(), -1, v.packsChecked(), v.packsTotal(),
                            v.problems() == 0 ? "no problems" : v.problems() + " problem(s)", false);
                }
            });
            meter.finish();
        } catch (VaultException e) {
            meter.finish();
            throw VaultFailed.of(e, "cannot verify " + repository.path());
        }
        if (json) {
            JsonMapper mapper = JsonMapper.builder().build();
            ObjectNode root = mapper.createObjectNode();
            root.put("ok", report.ok()).put("packs", report.packs()).put("blobs", report.blobs())
                    .put("bytesRead", report.bytesRead()).put("snapshots", report.snapshots())
                    .put("unindexedPacks", report.unindexedPacks()).put("temporaryFiles", report.temporaryFiles());
            var problems = root.putArray("problems");
            for (Problem p : report.problems()) {
                problems.addObject().put("kind", p.getClass().getSimpleName()).put("description", p.describe());
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            out.println((report.ok() ? "repository is sound: " : "repository is DAMAGED: " + report.problems().size()
                    + " problem(s); ") + report.packs() + " packs, " + report.blobs() + " blobs, "
                    + ProgressMeter.bytes(report.bytesRead()) + " read, " + report.snapshots() + " snapshots");
            report.problems().forEach(p -> out.println("  " + p.describe()));
            if (report.unindexedPacks() > 0 || report.temporaryFiles() > 0) {
                out.println("  (" + report.unindexedPacks() + " pack(s) of an interrupted backup, adopted by the next "
                        + "backup; " + report.temporaryFiles() + " temporary file(s), removed by prune: not problems)");
            }
        }
        return report.ok() ? ExitStatus.OK.code() : ExitStatus.DAMAGED.code();
    }
}
