package org.finres.cli.detection;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
import tools.jackson.databind.node.ObjectNode;

@Command(name = "alerts",
        description = "Detection alerts within the token's tenancy (the hub sees all, an institution its own), "
                + "and their triage.",
        subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.ShowAlert.class, AlertsCommand.AcknowledgeAlert.class,
                AlertsCommand.CloseAlert.class, HelpCommand.class})
public final class AlertsCommand {

    static final String PATH = "/api/v1/alerts";
    static final String REASONS = "resolved, false-positive, benign, duplicate, escalated-to-incident";
    /** An alert can carry thousands of evidence events; the text view shows the first ones, --json all. */
    static final int EVIDENCE_SHOWN = 20;

    static final List<Column> TABLE = List.of(
            Column.text("ID", "id"), Column.text("INSTITUTION", "institution"), Column.text("KIND", "kind"),
            Column.text("LEVEL", "level"), Column.text("STATUS", "status"), Column.text("HITS", "hits"),
            Column.instant("LAST SEEN", "lastSeen"), Column.text("TITLE", "title"));

    static final List<Column> RECORD = List.of(
            Column.text("id", "id"), Column.text("title", "title"), Column.text("institution", "institution"),
            Column.text("kind", "kind"), Column.text("rule", "ruleKey"), Column.text("level", "level"),
            Column.text("status", "status"), Column.text("close reason", "closeReason"),
            Column.instant("first seen", "firstSeen"), Column.instant("last seen", "lastSeen"),
            Column.text("hits", "hits"), new Column("group", AlertsCommand::group),
            Column.text("institutions", "memberInstitutions"), Column.instant("created", "createdAt"),
            Column.text("acknowledged by", "acknowledgedBy"), Column.instant("acknowledged", "acknowledgedAt"),
            Column.text("closed by", "closedBy"), Column.instant("closed", "closedAt"));

    static final List<Column> EVIDENCE = List.of(
            Column.text("INSTITUTION", "institution"), Column.text("EVENT", "eventId"),
            Column.instant("TIME", "eventTime"));

    static final List<Column> MEMBERS = List.of(
            Column.text("INSTITUTION", "institution"), Column.text("HITS", "hits"),
            Column.instant("FIRST SEEN", "firstSeen"), Column.instant("LAST SEEN", "lastSeen"),
            Column.list("ALERTS", "memberAlerts"));

    static String path(String id) {
        return PATH + "/" + HubClient.segment(id.strip());
    }

    /** The group-by values of a correlation or sector alert as "field=value, ...". */
    private static String group(JsonNode alert) {
        JsonNode group = alert.path("group");
        if (!group.isObject()) {
            return "";
        }
        return group.properties().stream().map(Map.Entry::getKey)
                .map(key -> key + "=" + group.path(key).asString(""))
                .collect(Collectors.joining(", "));
    }

    /** An alert document (alert, finding, evidence, members, triage) as lines and tables; --json unchanged. */
    static void print(JsonNode document, Output output) {
        if (output.json()) {
            output.raw(document);
            return;
        }
        // The triage fields sit beside the alert in the document; one record reads better than two.
        ObjectNode alert = document.path("alert").isObject() ? (ObjectNode) document.path("alert").deepCopy()
                : HubClient.object();
        for (String field : List.of("acknowledgedBy", "acknowledgedAt", "closedBy", "closedAt")) {
            alert.set(field, document.path(field).isMissingNode() ? null : document.path(field));
        }
        output.record(alert, RECORD);
        JsonNode members = document.path("members");
        if (!members.isEmpty()) {
            output.line("");
            output.line("Institutions:");
            output.table(members, MEMBERS, "");
        }
        JsonNode evidence = document.path("evidence");
        output.line("");
        if (evidence.isEmpty()) {
            output.line("No evidence events.");
            return;
        }
        output.line("Evidence (" + evidence.size() + " event(s)):");
        var shown = HubClient.array();
        for (int i = 0; i < Math.min(EVIDENCE_SHOWN, evidence.size()); i++) {
            shown.add(evidence.get(i));
        }
        output.table(shown, EVIDENCE, "");
        if (evidence.size() > EVIDENCE_SHOWN) {
            output.line("... and " + (evidence.size() - EVIDENCE_SHOWN) + " more (--json shows all)");
        }
    }

    @Command(name = "list", description = "List alerts, newest first.")
    static final class ListAlerts extends HubCommand {
        @Option(names = "--status", paramLabel = "S", description = "new, acknowledged or closed.")
        String status;

        @Option(names = "--kind", paramLabel = "K", description = "detection, correlation, indicator, sector or "
                + "source-silent.")
        String kind;

        @Option(names = "--min-level", paramLabel = "L", description = "At least this level: informational, low, "
                + "medium, high, critical.")
        String minLevel;

        @Option(names = "--institution", paramLabel = "ID", description = "Only this institution's alerts (the hub "
                + "may name any; an institution only itself).")
        String institution;

        @Option(names = "--text", paramLabel = "TEXT", description = "Part of the title, rule or group values.")
        String text;

        @Option(names = "--before", paramLabel = "ID", description = "Only alerts older than this id: the next page.")
        String before;

        @Option(names = "--limit", paramLabel = "N", description = "At most N alerts (1 to 500; the hub's default: 100).")
        Integer limit;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode page = hub.get(PATH + HubClient.query("status", status, "kind", kind, "institution", institution,
                    "minLevel", minLevel, "text", text, "before", before,
                    "limit", limit == null ? null : limit.toString()));
            if (output.json()) {
                output.raw(page);
                return ExitStatus.OK;
            }
            output.table(page.path("alerts"), TABLE, "No alerts.");
            String next = page.path("next").asString("");
            if (!next.isEmpty()) {
                output.line("More: add --before " + next);
            }
            return ExitStatus.OK;
        }
    }

    @Command(name = "show", description = "Show one alert with its evidence events and, for a sector alert, its "
            + "institutions (an institution sees only its own part). Another tenant's alert answers not found.")
    static final class ShowAlert extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Alert id (the ID column of 'finres alerts list').")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            print(hub.get(path(id)), output);
            return ExitStatus.OK;
        }
    }

    @Command(name = "ack", description = "Acknowledge a new alert: someone is looking at it.")
    static final class AcknowledgeAlert extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Alert id.")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode document = hub.post(path(id) + "/acknowledge", null);
            output.line("Acknowledged alert " + id.strip() + ".");
            print(document, output);
            return ExitStatus.OK;
        }
    }

    @Command(name = "close", description = "Close an alert with a reason; the note goes to the audit trail.")
    static final class CloseAlert extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Alert id.")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "R", description = "One of: " + REASONS + ".")
        String reason;

        @Option(names = "--note", paramLabel = "TEXT", description = "Why, for whoever reads the audit trail.")
        String note;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode document = hub.post(path(id) + "/close", HubClient.object().put("reason", reason).put("note", note));
            output.line("Closed alert " + id.strip() + " (" + reason + ").");
            print(document, output);
            return ExitStatus.OK;
        }
    }
}
