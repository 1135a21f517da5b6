package org.finres.cli.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.finres.cli.CliEnvironment;
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
import tools.jackson.databind.node.ObjectNode;

@Command(name = "users",
        description = "People who sign in to the hub's web interface, with one role each, limited to their institution.",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.ShowUser.class, UsersCommand.CreateUser.class,
                UsersCommand.UpdateUser.class, UsersCommand.DeleteUser.class, UsersCommand.ResetPassword.class,
                HelpCommand.class})
final class UsersCommand {

    static final String PATH = "/api/v1/users";
    static final String ROLES = "hub-admin, hub-analyst, regulator, institution-admin, institution-analyst";

    static final List<Column> TABLE = List.of(
            Column.text("ID", "id"), Column.text("INSTITUTION", "institutionId"), Column.text("USERNAME", "username"),
            Column.text("NAME", "displayName"), Column.text("ROLE", "role"),
            Column.flag("ENABLED", "enabled", "yes", "no"), Column.instant("LAST LOGIN", "lastLoginAt"));

    static final List<Column> RECORD = List.of(
            Column.text("id", "id"), Column.text("institution", "institutionId"), Column.text("username", "username"),
            Column.text("display name", "displayName"), Column.text("email", "email"), Column.text("role", "role"),
            Column.text("locale", "locale"), Column.flag("enabled", "enabled", "yes", "no"),
            Column.instant("locked until", "lockedUntil"), Column.instant("last login", "lastLoginAt"),
            Column.instant("created", "createdAt"));

    /** Users are addressed by id; checking it here gives a clear message instead of the hub's 400. */
    static String path(CommandSpec command, String id) {
        try {
            return PATH + "/" + UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "'" + id + "' is not a user id: user ids are UUIDs "
                    + "such as 3f2b1c9e-0d4a-4e57-9b8e-2a6c1d7f5e10 ('finres admin users list' shows them)");
        }
    }

    @Command(name = "list", description = "List the users of one institution (default: the token's own; a hub "
            + "administrator's token may name any).")
    static final class ListUsers extends HubCommand {
        @Option(names = "--institution", paramLabel = "ID", description = "Institution whose users to list.")
        String institution;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.table(hub.get(PATH + HubClient.query("institution", institution)), TABLE, "No users.");
            return ExitStatus.OK;
        }
    }

    @Command(name = "show", description = "Show one user.")
    static final class ShowUser extends HubCommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER_ID", description = "User id (a UUID).")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.record(hub.get(path(spec, id)), RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "create", description = "Create a user. Without --password-stdin the hub generates a password "
            + "and it is printed once.")
    static final class CreateUser extends HubCommand {
        @Spec
        CommandSpec spec;

        @Option(names = "--institution", required = true, paramLabel = "ID", description = "The user's institution.")
        String institution;

        @Option(names = "--username", required = true, paramLabel = "NAME", description = "Sign-in name.")
        String username;

        @Option(names = "--display-name", required = true, paramLabel = "NAME", description = "Name shown to others.")
        String displayName;

        @Option(names = "--email", paramLabel = "ADDRESS", description = "E-mail address.")
        String email;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "One of: " + ROLES + ".")
        String role;

        @Option(names = "--locale", paramLabel = "TAG", description = "Language of the web interface: zh-TW or en.")
        String locale;

        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin "
                + "instead of having one generated (never on the command line, where others can see it).")
        boolean passwordStdin;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            ObjectNode body = HubClient.object().put("institutionId", institution).put("username", username)
                    .put("displayName", displayName).put("email", email).put("role", role).put("locale", locale);
            if (passwordStdin) {
                body.put("password", passwordFromStdin());
            }
            JsonNode created = hub.post(PATH, body);
            output.line("Created user " + created.path("user").path("username").asString("") + ".");
            if (output.json()) {
                output.raw(created);
                return ExitStatus.OK;
            }
            output.record(created.path("user"), RECORD);
            String initial = created.path("initialPassword").asString("");
            if (!initial.isEmpty()) {
                output.line("Initial password (shown once; hand it over on a safe channel): " + initial);
            }
            return ExitStatus.OK;
        }

        private String passwordFromStdin() {
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(
                        CliEnvironment.of(spec).stdin(), StandardCharsets.UTF_8));
                String line = reader.readLine();
                if (line == null || line.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--password-stdin: stdin has no password line");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from stdin", e);
            }
        }
    }

    @Command(name = "update", description = "Change a user's name, e-mail, role, locale or whether they may sign in; "
            + "what is not given stays as it is.")
    static final class UpdateUser extends HubCommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER_ID", description = "User id (a UUID).")
        String id;

        @Option(names = "--display-name", paramLabel = "NAME", description = "New display name.")
        String displayName;

        @Option(names = "--email", paramLabel = "ADDRESS", description = "New e-mail address.")
        String email;

        @Option(names = "--role", paramLabel = "ROLE", description = "New role, one of: " + ROLES + ".")
        String role;

        @Option(names = "--locale", paramLabel = "TAG", description = "New language: zh-TW or en.")
        String locale;

        @Option(names = "--enabled", paramLabel = "true|false", arity = "1",
                description = "Whether the user may sign in.")
        Boolean enabled;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            String path = path(spec, id);
            if (displayName == null && email == null && role == null && locale == null && enabled == null) {
                throw new ParameterException(spec.commandLine(),
                        "nothing to change: give --display-name, --email, --role, --locale or --enabled");
            }
            ObjectNode body = HubClient.object();
            if (displayName != null) {
                body.put("displayName", displayName);
            }
            if (email != null) {
                body.put("email", email);
            }
            if (role != null) {
                body.put("role", role);
            }
            if (locale != null) {
                body.put("locale", locale);
            }
            if (enabled != null) {
                body.put("enabled", enabled);
            }
            JsonNode updated = hub.patch(path, body);
            output.line("Updated user " + updated.path("username").asString("") + ".");
            output.record(updated, RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "delete", description = "Delete a user.")
    static final class DeleteUser extends HubCommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER_ID", description = "User id (a UUID).")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.raw(hub.delete(path(spec, id)));
            output.line("Deleted user " + id + ".");
            return ExitStatus.OK;
        }
    }

    @Command(name = "reset-password", description = "Give a user a new generated password (printed once) and lift "
            + "any lockout.")
    static final class ResetPassword extends HubCommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER_ID", description = "User id (a UUID).")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode reset = hub.post(path(spec, id) + "/password-reset", null);
            if (output.json()) {
                output.raw(reset);
            } else {
                output.line("New password (shown once; hand it over on a safe channel): "
                        + reset.path("password").asString(""));
            }
            return ExitStatus.OK;
        }
    }
}
