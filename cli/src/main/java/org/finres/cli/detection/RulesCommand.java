package org.finres.cli.detection;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import tools.jackson.databind.node.ArrayNode;

@Command(name = "rules",
        description = "The hub's catalogue of Sigma rules: import files and folders, list, enable, disable, versions.",
        subcommands = {RulesCommand.ImportRules.class, RulesCommand.ListRules.class, RulesCommand.ShowRule.class,
                RulesCommand.EnableRule.class, RulesCommand.DisableRule.class, RulesCommand.RuleVersions.class,
                HelpCommand.class})
public final class RulesCommand {

    static final String PATH = "/api/v1/detection/rules";
    static final String SCOPES = "hub (every institution's events), institution (one institution's, with "
            + "--institution), sector (across institutions, over the hub's alerts and sightings)";

    static final List<Column> TABLE = List.of(
            Column.text("ID", "id"), Column.text("SCOPE", "scope"), Column.text("INSTITUTION", "institution"),
            Column.text("TYPE", "documentType"), Column.text("LEVEL", "level"),
            Column.flag("STATE", "enabled", "enabled", "disabled"), Column.text("VERSION", "version"),
            Column.text("ENGINE", "status"), Column.text("TITLE", "title"));

    static final List<Column> RECORD = List.of(
            Column.text("id", "id"), Column.text("key", "key"), Column.text("title", "title"),
            Column.text("type", "documentType"), Column.text("level", "level"), Column.text("scope", "scope"),
            Column.text("institution", "institution"), Column.flag("state", "enabled", "enabled", "disabled"),
            Column.text("version", "version"), Column.text("engine", "status"), Column.text("problem", "problem"),
            Column.text("origin", "origin"), Column.instant("updated", "updatedAt"),
            Column.text("updated by", "updatedBy"));

    static final List<Column> VERSIONS = List.of(
            Column.text("VERSION", "version"), Column.instant("UPLOADED", "uploadedAt"),
            Column.text("BY", "uploadedBy"), Column.text("SHA-256", "sha256"));

    static String path(String id) {
        return PATH + "/" + HubClient.segment(id.strip());
    }

    @Command(name = "import",
            description = {"Upload Sigma rules: each file as YAML, each folder as one zip of every .yml/.yaml "
                    + "below it (entries named by their path inside the folder, so that problems name the file).",
                    "Each document is created, updated to a new version or left unchanged; a bad document never "
                            + "stops the others. Every problem is printed as file:line [rule]: reason.",
                    "Exit code 0 when every document loaded, 2 when the hub reported problems with some (the "
                            + "others are kept) or refused the upload, 3 when it is unreachable."})
    static final class ImportRules extends HubCommand {
        @Spec
        CommandSpec spec;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "Whose events the rules read: " + SCOPES
                + ". Default: hub.")
        String scope;

        @Option(names = "--institution", paramLabel = "ID",
                description = "The institution an institution-scoped rule belongs to.")
        String institution;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files (.yml, .yaml) or folders.")
        List<Path> paths;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            // Everything is read before anything is sent, so a typo in the last path does not leave a half import.
            List<RuleUpload> uploads = new ArrayList<>();
            for (Path path : paths) {
                if (!Files.exists(path)) {
                    throw usage("no such rule file or folder: " + path);
                }
                try {
                    uploads.add(RuleUpload.of(path));
                } catch (RuleUpload.NoRuleFiles e) {
                    throw usage(e.getMessage());
                } catch (UncheckedIOException e) {
                    throw usage("cannot read " + path + ": " + e.getCause().getMessage());
                }
            }
            ArrayNode answers = HubClient.array();
            int documents = 0;
            int problems = 0;
            for (RuleUpload upload : uploads) {
                JsonNode answer = hub.upload(PATH + HubClient.query("scope", scope, "institution", institution,
                        "name", upload.contentType().equals("application/yaml") ? upload.name() : null),
                        upload.body(), upload.contentType());
                answers.add(answer);
                documents += answer.path("imported").size();
                problems += answer.path("problems").size();
                output.line(summary(upload, answer));
                for (JsonNode problem : answer.path("problems")) {
                    output.line("  " + problem.asString(""));
                }
            }
            if (output.json()) {
                output.raw(answers);
            } else if (uploads.size() > 1) {
                output.line("total: " + documents + " document(s) loaded, " + problems + " problem(s)");
            }
            return problems == 0 ? ExitStatus.OK : ExitStatus.REFUSED;
        }

        private static String summary(RuleUpload upload, JsonNode answer) {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (JsonNode imported : answer.path("imported")) {
                switch (imported.path("change").asString("")) {
                    case "CREATED" -> created++;
                    case "UPDATED" -> updated++;
                    default -> unchanged++;
                }
            }
            return upload.path() + " (" + answer.path("files").asInt(upload.files()) + " file(s)): " + created
                    + " created, " + updated + " updated, " + unchanged + " unchanged, "
                    + answer.path("problems").size() + " problem(s)";
        }

        private ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }
    }

    @Command(name = "list", description = "List the catalogue's documents the token may read, with how the running "
            + "engine took each one (loaded, inactive, failed, unsupported, disabled, pending).")
    static final class ListRules extends HubCommand {
        @Option(names = "--scope", paramLabel = "SCOPE", description = "Only this scope: hub, institution or sector.")
        String scope;

        @Option(names = "--institution", paramLabel = "ID", description = "Only this institution's rules.")
        String institution;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.table(hub.get(PATH + HubClient.query("scope", scope, "institution", institution)), TABLE,
                    "No rules.");
            return ExitStatus.OK;
        }
    }

    @Command(name = "show", description = "Show one catalogue document in its current version.")
    static final class ShowRule extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Rule id (the ID column of 'finres rules list').")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.record(hub.get(path(id)), RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "enable", description = "Enable a document; the hub rebuilds its engine.")
    static final class EnableRule extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Rule id.")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode rule = hub.post(path(id) + "/enable", null);
            output.line("Enabled rule " + rule.path("key").asString(id) + ".");
            output.record(rule, RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "disable", description = "Disable a document; the hub rebuilds its engine.")
    static final class DisableRule extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Rule id.")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode rule = hub.post(path(id) + "/disable", null);
            output.line("Disabled rule " + rule.path("key").asString(id) + ".");
            output.record(rule, RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "versions", description = "Every version of a document, newest first; --json includes each "
            + "version's YAML as uploaded.")
    static final class RuleVersions extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Rule id.")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.table(hub.get(path(id) + "/versions"), VERSIONS, "No versions.");
            return ExitStatus.OK;
        }
    }
}
