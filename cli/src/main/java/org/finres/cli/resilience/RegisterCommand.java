package org.finres.cli.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Column;
import org.finres.cli.remote.HubClient;
import org.finres.cli.remote.HubCommand;
import org.finres.cli.remote.Output;
import org.finres.resilience.engine.format.RegisterReader;
import org.finres.resilience.engine.format.RegisterWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code finres resilience register}: the institution's resilience register at the hub. Import uploads a YAML or
 * JSON file as a new version (every problem printed with its line); export fetches the current or a given version;
 * sweep prints the hub's analysis: effective recovery per service and the single points of failure.
 */
@Command(name = "register",
        description = "The institution's resilience register at the hub (format: resilience-engine/FORMAT.md).",
        subcommands = {RegisterCommand.ImportRegister.class, RegisterCommand.ExportRegister.class,
                RegisterCommand.Sweep.class, HelpCommand.class})
public final class RegisterCommand {

    static final String PATH = "/api/v1/resilience/register";

    static final List<Column> VERSION = List.of(
            Column.text("institution", "institution"), Column.text("version", "version"),
            Column.text("format", "format"), Column.text("services", "services"),
            Column.text("components", "components"), Column.text("single points of failure", "singlePointsOfFailure"),
            Column.text("hidden", "hiddenSinglePointsOfFailure"), Column.instant("uploaded", "uploadedAt"),
            Column.text("uploaded by", "uploadedBy"));

    static final List<Column> RECOVERY = List.of(
            Column.text("SERVICE", "service"), Column.text("MTD", "maxTolerableDowntime"),
            Column.text("RTO", "declaredRto"), Column.text("EFFECTIVE RTO", "effectiveRto"),
            Column.text("SET BY", "rtoSetBy"), Column.text("RPO", "declaredRpo"),
            Column.text("EFFECTIVE RPO", "effectiveRpo"),
            Column.flag("TOLERANCE", "withinTolerance", "within", "BEYOND"));

    static final List<Column> SPOFS = List.of(
            Column.text("ELEMENT", "element"), Column.text("LAYER", "layer"),
            Column.flag("KIND", "hidden", "HIDDEN", "plain"), Column.list("DEFEATS GROUPS", "defeatedGroups"));

    @Command(name = "import", description = {"Upload FILE (YAML, or JSON when it ends in .json or starts with '{') "
            + "as a new version of the token's institution's register (institution administrator).",
            "Exit code 0 when stored, 2 when the hub refused it (every problem printed with its line), 3 when "
                    + "the hub is unreachable."})
    static final class ImportRegister extends HubCommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The register file.")
        Path file;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            byte[] body;
            try {
                body = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
            }
            String text = new String(body, StandardCharsets.UTF_8).stripLeading();
            boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") || text.startsWith("{");
            JsonNode answer = hub.upload(PATH, body, json ? "application/json" : "application/yaml");
            output.record(answer, VERSION);
            return ExitStatus.OK;
        }
    }

    @Command(name = "export", description = "Print the register (current, or --register-version N) as YAML or JSON; "
            + "in the "
            + "uploaded format it is the file exactly as uploaded when fetched as JSON, and YAML is written from it.")
    static final class ExportRegister extends HubCommand {
        @Option(names = "--format", paramLabel = "FORMAT", description = "yaml (default) or json.")
        String format;

        // Not --version: every command's --version prints the CLI's own.
        @Option(names = "--register-version", paramLabel = "N",
                description = "A stored version of the register; default the current one.")
        Integer version;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode register = hub.get(PATH + HubClient.query("format", "json",
                    "version", version == null ? null : version.toString()));
            boolean json = format != null && format.strip().equalsIgnoreCase("json");
            if (json || output.json()) {
                output.raw(register);
            } else {
                // The JSON the hub sends reads back to the same register; the engine writes its YAML.
                output.out().print(RegisterWriter.toYaml(RegisterReader.read(register.toString())));
                output.out().flush();
            }
            return ExitStatus.OK;
        }
    }

    @Command(name = "sweep", description = "Every element lost in turn, as the hub analysed the current register: "
            + "effective RTO/RPO per service and the single points of failure (HIDDEN: beneath redundancy that "
            + "looked real). Exit code 0, or 2 when a service's effective RTO is beyond its tolerance.")
    static final class Sweep extends HubCommand {
        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode analysis = hub.get("/api/v1/resilience/analysis");
            if (output.json()) {
                output.raw(analysis);
            } else {
                output.table(analysis.path("effectiveRecovery"), RECOVERY, "No services.");
                output.line("");
                output.table(analysis.path("singlePointsOfFailure"), SPOFS, "No single point of failure.");
            }
            boolean beyond = false;
            for (JsonNode e : analysis.path("effectiveRecovery")) {
                beyond |= !e.path("withinTolerance").asBoolean(true);
            }
            return beyond ? ExitStatus.REFUSED : ExitStatus.OK;
        }
    }
}
