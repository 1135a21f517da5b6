package org.finres.cli.intel;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.finres.cli.remote.UploadInput;
import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Column;
import org.finres.cli.remote.HubClient;
import org.finres.cli.remote.HubCommand;
import org.finres.cli.remote.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "intel",
        description = "Threat intelligence shared through the hub: push STIX bundles, CSV indicator lists and MISP "
                + "exports; list your institution's submissions.",
        subcommands = {IntelCommand.Push.class, IntelCommand.Submissions.class, HelpCommand.class})
public final class IntelCommand {

    static final String SHARE = "/api/v1/intel/share";
    static final String SHARES = "/api/v1/intel/shares";

    static final List<Column> TABLE = List.of(
            Column.text("ID", "id"), Column.instant("SUBMITTED", "submittedAt"), Column.text("FORMAT", "format"),
            Column.text("ATTRIBUTION", "attribution"), Column.text("TLP", "tlp"), Column.text("ACCEPTED", "accepted"),
            Column.text("DUPLICATES", "duplicates"), Column.text("CORROBORATIONS", "corroborations"),
            Column.text("REJECTED", "rejectedCount"), Column.text("FILE", "fileName"));

    @Command(name = "push",
            description = {"Share a STIX 2.1 bundle, a CSV of indicators (header: type,value,tlp,confidence,valid_from,"
                    + "valid_until,labels,name,description) or a MISP JSON event export with the sector.",
                    "The hub validates every object, skips what it already holds, counts indicators another member "
                            + "already shared as corroborations, and republishes the rest to the collections the TLP allows.",
                    "Exit code 0 when everything was taken, 2 when the hub rejected some rows or objects (the others are "
                            + "shared) or the whole file, 3 when it is unreachable. Needs a token with the intel:write scope."})
    static final class Push extends HubCommand {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "F", description = "stix, csv or misp; default: from the file name "
                + "(.csv) or the content.")
        String format;

        @Option(names = "--tlp", paramLabel = "TLP", description = "clear, green, amber, amber+strict or red: for "
                + "objects and rows without a TLP of their own (the hub's default: amber).")
        String tlp;

        @Option(names = "--anonymous", description = "Hide your institution from the community (the hub still knows).")
        boolean anonymous;

        @Option(names = "--collection", paramLabel = "ALIAS", description = "Put everything into this collection "
                + "instead of routing each object by its TLP.")
        String collection;

        @Option(names = "--recipients", paramLabel = "IDS", description = "Share only with these institutions "
                + "(comma separated), besides the hub.")
        String recipients;

        @Parameters(paramLabel = "FILE", description = "The file, or - for stdin.")
        String file;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            byte[] content = read();
            String chosen = format != null ? format.strip().toLowerCase(Locale.ROOT)
                    : file.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : null;
            String fileName = file.equals("-") ? null : Path.of(file).getFileName().toString();
            JsonNode summary = hub.upload(SHARE + HubClient.query("format", chosen, "tlp", tlp,
                    "attribution", anonymous ? "anonymous" : "named", "collection", collection, "recipients", recipients,
                    "file_name", fileName), content, contentType(chosen));
            if (output.json()) {
                output.raw(summary);
            } else {
                output.line(summary.path("accepted").asInt() + " accepted, " + summary.path("duplicates").asInt()
                        + " duplicates, " + summary.path("corroborations").asInt() + " corroborations, "
                        + summary.path("withheld").asInt() + " withheld, " + summary.path("rejectedCount").asInt()
                        + " rejected (format " + summary.path("format").asString("?") + ", "
                        + summary.path("attribution").asString("?") + ", submission " + summary.path("id").asString("?") + ")");
                for (JsonNode r : summary.path("rejected")) {
                    String id = r.path("id").asString("");
                    output.line("  " + r.path("location").asString("") + (id.isEmpty() ? "" : " " + id) + ": "
                            + r.path("reason").asString(""));
                }
                int unlisted = summary.path("rejectedCount").asInt() - summary.path("rejected").size();
                if (unlisted > 0) {
                    output.line("  ... and " + unlisted + " more rejected, not listed by the hub");
                }
            }
            return summary.path("rejectedCount").asInt() == 0 ? ExitStatus.OK : ExitStatus.REFUSED;
        }

        private static String contentType(String format) {
            if (format == null) return "text/plain; charset=utf-8";
            return switch (format) {
                case "csv" -> "text/csv; charset=utf-8";
                case "stix" -> "application/stix+json;version=2.1";
                default -> "application/json";
            };
        }

        private byte[] read() {
            return UploadInput.read(spec, file, "file");
        }
    }

    @Command(name = "submissions", description = "Your institution's submissions, newest first (the hub: everyone's).")
    static final class Submissions extends HubCommand {
        @Option(names = "--limit", paramLabel = "N", description = "At most N (1 to 500; default 50).")
        Integer limit;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode list = hub.get(SHARES + HubClient.query("limit", limit == null ? null : limit.toString()));
            if (output.json()) {
                output.raw(list);
                return ExitStatus.OK;
            }
            output.table(list, TABLE, "No submissions.");
            return ExitStatus.OK;
        }
    }
}
