package org.finres.cli.detection;

import java.util.List;

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

@Command(name = "indicators",
        description = "The indicators (IP, CIDR, domain, URL, hash, e-mail) the hub matches every event against.",
        subcommands = {IndicatorsCommand.UploadIndicators.class, IndicatorsCommand.ListIndicators.class,
                IndicatorsCommand.RetireIndicator.class, HelpCommand.class})
public final class IndicatorsCommand {

    static final String PATH = "/api/v1/indicators";

    static final List<Column> TABLE = List.of(
            Column.text("ID", "id"), Column.text("TYPE", "type"), Column.text("VALUE", "value"),
            Column.text("LABEL", "label"), Column.text("SOURCE", "source"),
            Column.flag("STATE", "active", "active", "retired"), Column.text("SIGHTINGS", "sightings"),
            Column.instant("CREATED", "createdAt"));

    @Command(name = "upload",
            description = {"Upload a list of indicators in one request: CSV (type,value[,label], optional header), "
                    + "JSON Lines ({\"type\",\"value\",\"label\"}) or one value a line (type inferred).",
                    "Good lines are kept even when others are bad; every bad line is printed with its number.",
                    "Exit code 0 when every line was taken, 2 when the hub rejected some lines (the others are "
                            + "kept) or the whole upload, 3 when it is unreachable. Needs a hub token."})
    static final class UploadIndicators extends HubCommand {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "F", description = "csv, jsonl or values; default: the hub "
                + "recognises it.")
        String format;

        @Option(names = "--source", paramLabel = "TEXT", description = "Where the list comes from, kept with each "
                + "indicator (the hub's default: upload).")
        String source;

        @Parameters(paramLabel = "FILE", description = "The list, or - for stdin.")
        String file;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode result = hub.upload(PATH + HubClient.query("format", format, "source", source), read(),
                    "text/plain; charset=utf-8");
            if (output.json()) {
                output.raw(result);
            }
            JsonNode errors = result.path("errors");
            int unlisted = result.path("unlistedErrors").asInt(0);
            output.line(result.path("added").asInt() + " added, " + result.path("reactivated").asInt()
                    + " reactivated, " + result.path("unchanged").asInt() + " unchanged, "
                    + (errors.size() + unlisted) + " rejected (format " + result.path("format").asString("?") + ")");
            for (JsonNode error : errors) {
                output.line("  " + error.asString(""));
            }
            if (unlisted > 0) {
                output.line("  ... and " + unlisted + " more bad line(s) not listed by the hub");
            }
            return errors.isEmpty() && unlisted == 0 ? ExitStatus.OK : ExitStatus.REFUSED;
        }

        private byte[] read() {
            return UploadInput.read(spec, file, "indicator list");
        }
    }

    @Command(name = "list", description = "List indicators, newest first.")
    static final class ListIndicators extends HubCommand {
        @Option(names = "--type", paramLabel = "T", description = "ipv4, ipv6, cidr, domain, url, md5, sha1, sha256 "
                + "or email.")
        String type;

        @Option(names = "--search", paramLabel = "TEXT", description = "Part of the value.")
        String search;

        @Option(names = "--before", paramLabel = "ID", description = "Only indicators older than this id: the next page.")
        String before;

        @Option(names = "--limit", paramLabel = "N", description = "At most N (1 to 500; the hub's default: 100).")
        Integer limit;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode page = hub.get(PATH + HubClient.query("type", type, "q", search, "before", before,
                    "limit", limit == null ? null : limit.toString()));
            if (output.json()) {
                output.raw(page);
                return ExitStatus.OK;
            }
            output.table(page.path("indicators"), TABLE, "No indicators.");
            String next = page.path("next").asString("");
            if (!next.isEmpty()) {
                output.line("More: add --before " + next);
            }
            output.line(page.path("indexed").asInt() + " active indicator(s) in the hub's matching index");
            return ExitStatus.OK;
        }
    }

    @Command(name = "retire", description = "Retire an indicator: it stops matching; its sightings are kept.")
    static final class RetireIndicator extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Indicator id (the ID column of 'finres indicators list').")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            hub.delete(IndicatorsCommand.PATH + "/" + HubClient.segment(id.strip()));
            output.line("Retired indicator " + id.strip() + ".");
            return ExitStatus.OK;
        }
    }
}
