package org.finres.cli.admin;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "tokens",
        description = "API tokens of an institution, for machines and this command line; the secret is shown once.",
        subcommands = {TokensCommand.ListTokens.class, TokensCommand.ShowToken.class, TokensCommand.CreateToken.class,
                TokensCommand.RevokeToken.class, HelpCommand.class})
final class TokensCommand {

    static final String PATH = "/api/v1/tokens";

    static final List<Column> TABLE = List.of(
            Column.text("ID", "id"), Column.text("INSTITUTION", "institutionId"), Column.text("NAME", "name"),
            Column.list("SCOPES", "scopes"), Column.instant("EXPIRES", "expiresAt"),
            Column.instant("LAST USED", "lastUsedAt"), Column.flag("STATE", "active", "active", "inactive"));

    static final List<Column> RECORD = List.of(
            Column.text("id", "id"), Column.text("institution", "institutionId"), Column.text("name", "name"),
            Column.list("scopes", "scopes"), Column.flag("state", "active", "active", "inactive"),
            Column.text("created by", "createdBy"), Column.instant("created", "createdAt"),
            Column.instant("expires", "expiresAt"), Column.instant("revoked", "revokedAt"),
            Column.instant("last used", "lastUsedAt"));

    /** A whole token ({@code frs_<id>_<secret>}) pasted where its id belongs: the id part of it. */
    private static final Pattern WHOLE_TOKEN = Pattern.compile("frs_([a-z2-7]{16})_.+");

    /**
     * The token's path. Given a whole token instead of its id, only the id is used: the secret must never end up
     * in a URL, where proxies and access logs keep it.
     */
    static String path(String id) {
        Matcher whole = WHOLE_TOKEN.matcher(id.strip());
        return PATH + "/" + HubClient.segment(whole.matches() ? whole.group(1) : id.strip());
    }

    @Command(name = "list", description = "List the tokens of one institution (default: the token's own).")
    static final class ListTokens extends HubCommand {
        @Option(names = "--institution", paramLabel = "ID", description = "Institution whose tokens to list.")
        String institution;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.table(hub.get(PATH + HubClient.query("institution", institution)), TABLE, "No tokens.");
            return ExitStatus.OK;
        }
    }

    @Command(name = "show", description = "Show one token (never its secret, which the hub does not keep).")
    static final class ShowToken extends HubCommand {
        @Parameters(paramLabel = "TOKEN_ID", description = "Token id: the 16 characters after 'frs_' (a whole token is cut down to its id).")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            output.record(hub.get(path(id)), RECORD);
            return ExitStatus.OK;
        }
    }

    @Command(name = "create", description = "Issue a token. Its secret is printed once: store it right away.")
    static final class CreateToken extends HubCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the token is for.")
        String name;

        @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
                description = "admin, read, audit:read or events:write (a SOC forwarder's); repeat the option or "
                        + "separate with commas.")
        List<String> scopes;

        @Option(names = "--institution", paramLabel = "ID",
                description = "Institution the token acts for (default: that of the token making the call).")
        String institution;

        @Option(names = "--valid-days", paramLabel = "DAYS", description = "Lifetime in days (the hub's default: 90).")
        Integer validDays;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            ObjectNode body = HubClient.object().put("institutionId", institution).put("name", name);
            ArrayNode scopeArray = body.putArray("scopes");
            scopes.forEach(scopeArray::add);
            if (validDays != null) {
                body.put("validDays", validDays);
            }
            JsonNode issued = hub.post(PATH, body);
            if (output.json()) {
                output.raw(issued);
                return ExitStatus.OK;
            }
            output.line("Issued token " + issued.path("token").path("id").asString("") + ".");
            output.record(issued.path("token"), RECORD);
            output.line("Secret (shown once; only its hash is kept): " + issued.path("secret").asString(""));
            return ExitStatus.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a token; it stops working at once.")
    static final class RevokeToken extends HubCommand {
        @Parameters(paramLabel = "TOKEN_ID", description = "Token id: the 16 characters after 'frs_' (a whole token is cut down to its id).")
        String id;

        @Override
        protected ExitStatus run(HubClient hub, Output output) {
            JsonNode revoked = hub.delete(path(id));
            output.line("Revoked token " + revoked.path("id").asString(id) + ".");
            output.record(revoked, RECORD);
            return ExitStatus.OK;
        }
    }
}
