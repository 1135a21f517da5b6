package org.finres.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.finres.FinresApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** `finres demo` brings a live sector: every demo member forwards mixed events, and a campaign spans institutions. */
class SimulatedSocsIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void demoInstitutionsForwardAMixedStreamOverHttpsAndSyslogTlsWithACrossInstitutionCampaign() throws Exception {
        Path pkiDir = dataDir.resolve("demo-pki");
        DemoPki.Material pki = DemoPki.ensure(pkiDir, DemoPki.demoInstitutions());
        int syslogPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            syslogPort = probe.getLocalPort();
        }
        try (ConfigurableApplicationContext hub = FinresApplication.start("--finres.database.data-dir=" + dataDir,
                "--finres.database.url=", "--server.port=0", "--finres.demo.enabled=true",
                "--finres.demo.simulation.interval=300ms",
                "--finres.events.syslog.tls.port=" + syslogPort, "--finres.events.syslog.tls.bind-address=127.0.0.1",
                "--finres.events.syslog.tls.keystore=" + pki.serverKeystore(),
                "--finres.events.syslog.tls.keystore-password=" + pki.password(),
                "--finres.events.syslog.tls.truststore=" + pki.truststore(),
                "--finres.events.syslog.tls.truststore-password=" + pki.password(),
                "--finres.demo.simulation.syslog-port=" + syslogPort, "--finres.demo.simulation.pki=" + pkiDir)) {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            long institutions = 0;
            long classes = 0;
            long campaignTargets = 0;
            long transports = 0;
            while (Instant.now().isBefore(deadline)) {
                transports = jdbc.sql("select count(distinct split_part(source_name, '/', 1)) from event_source")
                        .query(Long.class).single();
                institutions = jdbc.sql("select count(distinct institution_id) from security_event").query(Long.class).single();
                classes = jdbc.sql("select count(distinct class_uid) from security_event").query(Long.class).single();
                campaignTargets = jdbc.sql("select count(distinct institution_id) from security_event where observables @> array[cast(:ip as text)]")
                        .param("ip", SocTraffic.CAMPAIGN_IP).query(Long.class).single();
                if (institutions == DemoSector.MEMBERS.size() && classes >= 5 && campaignTargets >= 3 && transports == 2) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(institutions).as("institutions forwarding").isEqualTo(DemoSector.MEMBERS.size());
            assertThat(transports).as("HTTPS and syslog-TLS both carry events").isEqualTo(2);
            assertThat(classes).as("distinct OCSF classes").isGreaterThanOrEqualTo(5);
            assertThat(campaignTargets).as("institutions touched by the campaign address").isGreaterThanOrEqualTo(3);
            assertThat(jdbc.sql("select count(*) from dead_letter").query(Long.class).single())
                    .as("the simulated formats all decode").isZero();
            assertThat(jdbc.sql("select count(distinct source_name) from event_source").query(Long.class).single())
                    .as("formats seen").isGreaterThanOrEqualTo(5);

            // The demo's own ATT&CK slice names the techniques its rules are tagged with, in the alerts' findings.
            long named = 0;
            Instant alertDeadline = Instant.now().plus(Duration.ofSeconds(60));
            while (named == 0 && Instant.now().isBefore(alertDeadline)) {
                named = jdbc.sql("""
                        select count(*) from detection_alert where cardinality(attack_techniques) > 0
                          and finding #>> '{finding_info,attacks,0,technique,name}' is not null
                        """).query(Long.class).single();
                Thread.sleep(500);
            }
            assertThat(named).as("alerts naming an ATT&CK technique").isPositive();
            assertThat(jdbc.sql("select institution_id from warning_recipient order by 1").query(String.class).list())
                    .as("the demo warning reaches the two members that run a FortiGate")
                    .containsExactly("formosa-securities", "taipei-first-bank");
        }
    }
}
