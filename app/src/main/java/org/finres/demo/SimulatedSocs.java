package org.finres.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.IssuedToken;
import org.finres.core.TokenScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo's member SOCs: each demo institution forwards a continuous, mixed stream to the hub over the same
 * HTTP transport a real forwarder uses, with a token of its own (events:write, issued at start, revoked at stop).
 * Every few minutes a campaign from one address touches several institutions at once.
 */
@Component
@ConditionalOnProperty(name = {"finres.demo.enabled", "finres.demo.simulation.enabled"}, havingValue = "true",
        matchIfMissing = false)
class SimulatedSocs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSocs.class);
    private static final Actor.SystemProcess DEMO = new Actor.SystemProcess("demo-soc");

    private final ApiTokens tokens;
    private final Clock clock;
    private final Duration interval;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Forwarder> forwarders = new ArrayList<>();
    private volatile Thread loop;
    private volatile int port;

    /**
     * One member's forwarder; those with a {@code syslog} connection send over syslog-TLS with their own client
     * certificate, the others over HTTPS with a token, so the demo exercises both transports.
     */
    private record Forwarder(InstitutionId institution, String tokenId, String secret, SocTraffic traffic,
                             SyslogTlsSender syslog) {
    }

    private final int syslogPort;
    private final String pkiDir;

    SimulatedSocs(ApiTokens tokens, Clock clock, @Value("${finres.demo.simulation.interval:5s}") Duration interval,
                  @Value("${finres.demo.simulation.syslog-port:0}") int syslogPort,
                  @Value("${finres.demo.simulation.pki:}") String pkiDir) {
        this.tokens = tokens;
        this.clock = clock;
        this.interval = interval;
        this.syslogPort = syslogPort;
        this.pkiDir = pkiDir;
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public void start() {
        loop = Thread.ofVirtual().name("demo-socs").start(this::run);
    }

    /** Issued on the first round: on a first start the demo institutions are seeded only after the lifecycle starts. */
    private boolean connectForwarders() {
        if (!forwarders.isEmpty()) {
            return true;
        }
        Random seeds = new Random(20251230L);
        DemoPki.Material pki = syslogPort > 0 && !pkiDir.isBlank()
                ? DemoPki.ensure(java.nio.file.Path.of(pkiDir), DemoPki.demoInstitutions()) : null;
        try {
            int index = 0;
            for (DemoSector.Member member : DemoSector.MEMBERS) {
                InstitutionId id = InstitutionId.of(member.id());
                IssuedToken issued = tokens.issue(DEMO, new ApiTokens.Draft(id, "simulated SOC forwarder",
                        Set.of(TokenScope.EVENTS_WRITE), Duration.ofDays(1)));
                SyslogTlsSender syslog = pki != null && index++ % 2 == 1
                        ? new SyslogTlsSender(syslogPort, pki.clients().get(member.id()), pki.truststore(), pki.password())
                        : null;
                forwarders.add(new Forwarder(id, issued.token().id().value(), issued.secret(),
                        new SocTraffic(member.shortName(), new Random(seeds.nextLong())), syslog));
            }
        } catch (org.finres.core.NotFoundException notSeededYet) {
            forwarders.forEach(f -> tokens.revoke(DEMO, new org.finres.core.TokenId(f.tokenId())));
            forwarders.clear();
            return false;
        }
        log.info("Simulated SOCs of {} demo institutions forward events every {} ({} over syslog-TLS, the rest over HTTPS)",
                forwarders.size(), interval, forwarders.stream().filter(f -> f.syslog() != null).count());
        return true;
    }

    private void run() {
        Random random = new Random(7);
        long round = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (port <= 0 || !connectForwarders()) {
                continue;
            }
            round++;
            // A campaign runs for two rounds out of every twelve and touches every institution at once.
            boolean campaign = round % 12 < 2;
            for (Forwarder forwarder : forwarders) {
                List<String> lines = forwarder.traffic().batch(clock.instant(), 5 + random.nextInt(25), campaign);
                if (forwarder.syslog() != null) {
                    try {
                        forwarder.syslog().send(lines);
                    } catch (Exception e) {
                        log.debug("Simulated SOC of {} could not send over syslog-TLS: {}", forwarder.institution(),
                                e.getMessage());
                    }
                    continue;
                }
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                            .header("Authorization", "Bearer " + forwarder.secret())
                            .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                        log.warn("Simulated SOC of {} got {}: {}", forwarder.institution(), response.statusCode(),
                                response.body());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.debug("Simulated SOC of {} could not send: {}", forwarder.institution(), e.getMessage());
                }
            }
        }
    }

    @Override
    public void stop() {
        Thread running = loop;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Forwarder forwarder : forwarders) {
            tokens.revoke(DEMO, new org.finres.core.TokenId(forwarder.tokenId()));
            if (forwarder.syslog() != null) {
                forwarder.syslog().close();
            }
        }
        forwarders.clear();
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    /** Starts after the web server and stops before it, so that no send meets a server going away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
