package org.finres.cli.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.finres.cli.hub.InProcessHub;
import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.TokenScope;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real hub (embedded PostgreSQL in {@code dataDir}, random HTTP port) in the test JVM, for CLI tests that talk to
 * it over HTTP, and tokens issued as each tenant's own administrator would issue them.
 */
public final class RunningHub implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningHub(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningHub start(Path dataDir) {
        return new RunningHub(InProcessHub.start(List.of("--finres.database.data-dir=" + dataDir,
                "--finres.database.url=", "--server.port=0", "--logging.level.root=WARN")));
    }

    /** The hub's beans, for tests that act as the hub itself would (seeding, as the demo does). */
    public ConfigurableApplicationContext context() {
        return context;
    }

    public String url() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public String token(InstitutionId tenant, String name, TokenScope... scopes) {
        return context.getBean(ApiTokens.class).issue(new Actor.SystemProcess("cli-test"),
                new ApiTokens.Draft(tenant, name, Set.of(scopes), Duration.ofDays(1))).secret();
    }

    @Override
    public void close() {
        context.close();
    }
}
