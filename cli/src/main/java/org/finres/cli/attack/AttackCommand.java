package org.finres.cli.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Column;
import org.finres.cli.remote.HubClient;
import org.finres.cli.remote.HubCommand;
import org.finres.cli.remote.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "attack",
        description = "The hub's MITRE ATT&CK catalogue: the techniques alerts and rules are named with.",
        subcommands = {AttackCommand.ImportBundle.class, AttackCommand.ListTechniques.class,
                AttackCommand.ShowTechnique.class, HelpCommand.class})
public final class AttackCommand {

    static final String PATH = "/api/v1/attack";

    static final List<Column> TABLE = List.of(
            Column.text("ID", "id"), Column.text("TECHNIQUE", "displayName"), Column.list("TACTICS", "tactics"),
            Column.text("MATRIX", "domain"), Column.flag("STATE", "deprecated", "deprecated", "current"));

    @Command(name = "import",
            description = {"Import an ATT&CK STIX 2.1 bundle as MITRE publishes it (enterprise-attack.json, "
                    + "mobile-attack.json, ics-attack.json); it replaces the techniques of the matrices it holds.",
                    "A refused bundle changes nothing; the hub names the object and the problem.",
                    "Needs a hub token with the RULES_MANAGE permission over the sector (hub admin or analyst)."})
    static final class ImportBundle extends HubCommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The bundle (JSON).")
        Path file;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            byte[] bundle;
            try {
                if (!Files.isRegularFile(file)) {
                    throw new ParameterException(spec.commandLine(), "no such bundle: " + file);
                }
                bundle = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
            }
            // MITRE's enterprise bundle is some 45 MB: say what is happening while the hub reads it.
            output.progress("Uploading " + file.getFileName() + " (" + bundle.length / 1024 + " KiB) to the hub...");
            JsonNode done = hub.upload(PATH + "/catalogue", bundle, "application/json");
            if (output.json()) {
                output.raw(done);
                return ExitStatus.OK;
            }
            output.line("Imported " + String.join(", ", done.path("collections").valueStream()
                    .map(n -> n.asString("")).toList()) + ": " + done.path("techniques").asInt() + " techniques, "
                    + done.path("tactics").asInt() + " tactics" + (done.path("skipped").asInt() > 0
                    ? " (" + done.path("skipped").asInt() + " attack-patterns without an ATT&CK id skipped)" : ""));
            return ExitStatus.OK;
        }
    }

    @Command(name = "list", description = "List techniques whose id or name contains the search (all current ones "
            + "without).")
    static final class ListTechniques extends HubCommand {
        @Option(names = "--search", paramLabel = "TEXT", description = "Part of the id or name.")
        String search;

        @Option(names = "--retired", description = "Include deprecated and revoked techniques.")
        boolean retired;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode found = hub.get(PATH + "/techniques" + HubClient.query("q", search,
                    "includeRetired", retired ? "true" : null));
            if (output.json()) {
                output.raw(found);
                return ExitStatus.OK;
            }
            output.table(found, TABLE, "No techniques (import an ATT&CK bundle with 'finres attack import').");
            return ExitStatus.OK;
        }
    }

    @Command(name = "show", description = "One technique by its ATT&CK id.")
    static final class ShowTechnique extends HubCommand {
        @Parameters(paramLabel = "ID", description = "T1059 or T1059.001.")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode t = hub.get(PATH + "/techniques/" + HubClient.segment(id.strip()));
            if (output.json()) {
                output.raw(t);
                return ExitStatus.OK;
            }
            output.line(t.path("id").asString() + "  " + t.path("displayName").asString());
            output.line("  tactics: " + String.join(", ", t.path("tactics").valueStream()
                    .map(n -> n.asString("")).toList()));
            output.line("  matrix:  " + t.path("domain").asString());
            if (t.hasNonNull("url")) {
                output.line("  " + t.path("url").asString());
            }
            if (t.path("deprecated").asBoolean() || t.path("revoked").asBoolean()) {
                output.line("  " + (t.path("revoked").asBoolean() ? "revoked" : "deprecated"));
            }
            return ExitStatus.OK;
        }
    }
}
