package org.finres.cli.admin;

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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "institutions",
        description = "Tenants: member institutions, the hub and the regulator.",
        subcommands = {InstitutionsCommand.ListInstitutions.class, InstitutionsCommand.ShowInstitution.class,
                InstitutionsCommand.CreateInstitution.class, InstitutionsCommand.UpdateInstitution.class,
                InstitutionsCommand.DeleteInstitution.class, HelpCommand.class})
final class InstitutionsCommand {

    static final String PATH = "/api/v1/institutions";
    static final String KINDS = "bank, securities, insurance, bills-finance, credit-cooperative, payment, other";
    static final String TIERS = "large, medium, small";

    static final List<Column> TABLE = List.of(
            Column.text("ID", "id"), Column.text("NAME", "name"), Column.text("KIND", "kind"),
            Column.text("SIZE", "sizeTier"), Column.instant("UPDATED", "updatedAt"));

    static final List<Column> RECORD = List.of(
            Column.text("id", "id"), Column.text("name", "name"), Column.text("kind", "kind"),
            Column.text("size tier", "sizeTier"), Column.instant("created", "createdAt"),
            Column.instant("updated", "updatedAt"));

    static String path(String id) {
        return PATH + "/" + HubClient.segment(id);
    }

    @Command(name = "list", description = "List the institutions the token may see: all for the hub and the "
            + "regulator, else its own.")
    static final class ListInstitutions extends HubCommand {
        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.table(hub.get(PATH), TABLE, "No institutions.");
            return ExitStatus.OK;
        }
    }

    @Command(name = "show", description = "Show one institution.")
    static final class ShowInstitution extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Institution id, e.g. taipei-first-bank.")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.record(hub.get(path(id)), RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "create", description = "Create a member institution (hub-admin).")
    static final class CreateInstitution extends HubCommand {
        @Parameters(paramLabel = "ID", description = "New institution id: lower-case letters, digits and hyphens.")
        String id;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name.")
        String name;

        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "One of: " + KINDS + ".")
        String kind;

        @Option(names = "--size-tier", required = true, paramLabel = "TIER", description = "One of: " + TIERS + ".")
        String sizeTier;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            ObjectNode body = HubClient.object().put("id", id).put("name", name).put("kind", kind)
                    .put("sizeTier", sizeTier);
            JsonNode created = hub.post(PATH, body);
            output.line("Created institution " + created.path("id").asString("") + ".");
            output.record(created, RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "update", description = "Change an institution's name, kind or size tier; what is not given "
            + "stays as it is.")
    static final class UpdateInstitution extends HubCommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "Institution id.")
        String id;

        @Option(names = "--name", paramLabel = "NAME", description = "New display name.")
        String name;

        @Option(names = "--kind", paramLabel = "KIND", description = "New kind, one of: " + KINDS + ".")
        String kind;

        @Option(names = "--size-tier", paramLabel = "TIER", description = "New size tier, one of: " + TIERS + ".")
        String sizeTier;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            if (name == null && kind == null && sizeTier == null) {
                throw new ParameterException(spec.commandLine(), "nothing to change: give --name, --kind or --size-tier");
            }
            // The API replaces the whole institution (PUT), so fields not given are carried over from the hub.
            JsonNode current = hub.get(path(id));
            ObjectNode body = HubClient.object()
                    .put("name", name != null ? name : current.path("name").asString(null))
                    .put("kind", kind != null ? kind : current.path("kind").asString(null))
                    .put("sizeTier", sizeTier != null ? sizeTier : current.path("sizeTier").asString(null));
            JsonNode updated = hub.put(path(id), body);
            output.line("Updated institution " + id + ".");
            output.record(updated, RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "delete", description = "Delete a member institution that has no users and no tokens (hub-admin).")
    static final class DeleteInstitution extends HubCommand {
        @Parameters(paramLabel = "ID", description = "Institution id.")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.raw(hub.delete(path(id)));
            output.line("Deleted institution " + id + ".");
            return ExitStatus.OK;
        }
    }
}
