package org.finres.cli.credit;

import java.util.List;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Column;
import org.finres.cli.remote.HubClient;
import org.finres.cli.remote.HubCommand;
import org.finres.cli.remote.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "credit",
        description = "Sharing credit: the monthly ranking (Asia/Taipei months), ledgers and false positives.",
        subcommands = {CreditCommand.Ranking.class, CreditCommand.Ledger.class, CreditCommand.MarkFalsePositive.class,
                HelpCommand.class})
public final class CreditCommand {

    static final String PATH = "/api/v1/credit";

    static final List<Column> RANKING = List.of(
            Column.text("RANK", "rank"), Column.text("MEMBER", "name"), Column.text("INSTITUTION", "institution"),
            Column.text("POINTS", "points"), count("FIRST", "first-report"), count("CORROB", "corroboration"),
            count("SIGHTED", "sighting-confirms-other"), count("ACK", "timely-acknowledgement"),
            count("FP", "false-positive-penalty"));

    static final List<Column> LEDGER = List.of(
            Column.instant("AT", "at"), Column.text("INSTITUTION", "institution"), Column.text("KIND", "kind"),
            Column.text("POINTS", "points"), Column.text("REASON", "reason"), Column.text("ABOUT", "reference"));

    private static Column count(String heading, String kind) {
        return new Column(heading, row -> String.valueOf(row.path("counts").path(kind).asInt()));
    }

    @Command(name = "ranking", description = {"The month's ranking. Members see their own name and the others as "
            + "\"member #n\" unless the hub made the ranking public."})
    static final class Ranking extends HubCommand {
        @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month (default: this month).")
        String month;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode r = hub.get(PATH + "/ranking" + HubClient.query("month", month));
            if (output.json()) {
                output.raw(r);
                return ExitStatus.OK;
            }
            output.line("Sharing credit " + r.path("month").asString() + " (rules " + r.path("rulesVersion").asString() + ")");
            output.table(r.path("rows"), RANKING, "No credit was earned in this month.");
            return ExitStatus.OK;
        }
    }

    @Command(name = "ledger", description = "An institution's ledger for a month (members: their own).")
    static final class Ledger extends HubCommand {
        @Option(names = "--institution", paramLabel = "ID", description = "Whose (the hub and regulator: any; default all).")
        String institution;

        @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month (default: this month).")
        String month;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode entries = hub.get(PATH + "/ledger" + HubClient.query("institution", institution, "month", month));
            if (output.json()) {
                output.raw(entries);
                return ExitStatus.OK;
            }
            output.table(entries, LEDGER, "No entries in this month.");
            return ExitStatus.OK;
        }
    }

    @Command(name = "false-positive", description = {"Mark a shared indicator false positive (hub analysts): its "
            + "submitter is penalised and what its sightings earned it is taken back."})
    static final class MarkFalsePositive extends HubCommand {
        @Parameters(paramLabel = "INDICATOR", description = "The indicator's STIX id (indicator--...).")
        String indicator;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is a false positive.")
        String reason;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode done = hub.post(PATH + "/false-positives", HubClient.object().put("indicator", indicator.strip())
                    .put("reason", reason));
            if (output.json()) {
                output.raw(done);
                return ExitStatus.OK;
            }
            output.line("Marked " + done.path("indicator").asString() + " false positive; "
                    + done.path("submitter").asString() + " was penalised.");
            return ExitStatus.OK;
        }
    }
}
