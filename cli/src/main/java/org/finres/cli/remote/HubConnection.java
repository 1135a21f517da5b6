package org.finres.cli.remote;

import java.net.URI;
import java.net.URISyntaxException;

import org.finres.cli.CliEnvironment;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --hub} and {@code --token} options of every command that talks to a running hub. */
public final class HubConnection {

    static final String DEFAULT_HUB = "http://localhost:8080";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--hub", paramLabel = "URL",
            description = "The hub's address. Default: environment FINRES_HUB_URL, else " + DEFAULT_HUB + ".")
    private String hub;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token (frs_...). Default: environment FINRES_TOKEN, which keeps the token out of "
                    + "the process list and the shell history.")
    private String token;

    /** Whether --hub or --token was given, for commands where they make no sense in some mode. */
    public boolean given() {
        return hub != null || token != null;
    }

    /** A client for the chosen hub; a missing token or malformed address is a usage error. */
    public HubClient client() {
        CliEnvironment environment = CliEnvironment.of(command);
        String address = hub != null ? hub : environment.variable("FINRES_HUB_URL").orElse(DEFAULT_HUB);
        String secret = token != null && !token.isBlank() ? token.strip()
                : environment.variable("FINRES_TOKEN").map(String::strip).orElseThrow(() -> usage(
                "no API token: pass --token TOKEN or set FINRES_TOKEN. A hub administrator issues one with "
                        + "'finres admin tokens create'; 'finres demo' prints one when it seeds the demo sector."));
        // A token pasted with a line break or quote would otherwise fail deep inside HttpClient's header check.
        if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw usage("the API token contains spaces, line breaks or non-ASCII characters; copy it again "
                    + "(it looks like frs_XXXXXXXXXXXXXXXX_...)");
        }
        return new HubClient(address(address), secret);
    }

    private URI address(String address) {
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (URISyntaxException e) {
            throw usage("the hub address '" + address + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw usage("the hub address must be an http:// or https:// URL such as " + DEFAULT_HUB + ", not '"
                    + address + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw usage("the hub address '" + address + "' must not have a query or fragment");
        }
        return uri;
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
