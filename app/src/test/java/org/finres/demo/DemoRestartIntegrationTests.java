package org.finres.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.finres.FinresApplication;
import org.finres.core.Actor;
import org.finres.core.AuditTrail;
import org.finres.core.Institution;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.UserAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code finres demo} does, twice on one data folder: the first start initialises the embedded PostgreSQL,
 * seeds the sector and prints the credentials; the second reuses it all and prints no secret.
 */
class DemoRestartIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void secondStartOnTheSameDataFolderReusesTheSector() throws Exception {
        String firstOutput;
        List<Institution> firstInstitutions;
        try (var run = start()) {
            firstOutput = run.output();
            firstInstitutions = run.context().getBean(Institutions.class).list(new Actor.SystemProcess("test"));
            var chainCheck = run.context().getBean(AuditTrail.class).verifyChain(null);
            assertThat(chainCheck.intact()).as(chainCheck.toString()).isTrue();
            // The vault's freshness page shows every colour from the first start on.
            assertThat(run.context().getBean(org.finres.vault.VaultFreshness.class).freshness(new Actor.SystemProcess("test")))
                    .extracting(org.finres.vault.Freshness::status).contains(org.finres.vault.FreshnessStatus.values());
            assertThat(run.context().getBean(org.finres.vault.AttestationLedger.class)
                    .verify(new Actor.SystemProcess("test")).entriesChecked()).isEqualTo(30);
            // The demo bank's register hides one carrier under both data centres; the sweep finds it.
            var bank = org.finres.core.InstitutionId.of("taipei-first-bank");
            assertThat(run.context().getBean(org.finres.resilience.ResilienceAnalyses.class)
                    .analysis(new Actor.SystemProcess("test"), bank).sweep().hidden())
                    .extracting(s -> s.element().value()).containsExactly("hinet");
            var hinet = run.context().getBean(org.finres.resilience.SectorResilience.class)
                    .concentration(new Actor.SystemProcess("test")).stream()
                    .filter(c -> c.key().equals("carrier:hinet")).findFirst().orElseThrow();
            assertThat(hinet.institutions()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(run.context().getBean(org.finres.resilience.ResilienceDrills.class)
                    .list(new Actor.SystemProcess("test"), bank)).hasSize(3)
                    .allMatch(org.finres.resilience.ResilienceDrill::verified)
                    .filteredOn(d -> !d.passed()).hasSize(1);
        }
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
        assertThat(firstOutput).contains("password:").contains("export FINRES_TOKEN=frs_");
        assertThat(firstInstitutions).hasSizeGreaterThanOrEqualTo(8);
        assertThat(firstInstitutions.stream().map(Institution::kind).filter(InstitutionKind::isMember).distinct().count())
                .as("member kinds").isGreaterThanOrEqualTo(6);

        try (var run = start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(this::start).rootCause()
                    .hasMessageContaining("another FinRes hub is using the database");
            List<Institution> again = run.context().getBean(Institutions.class).list(new Actor.SystemProcess("test"));
            assertThat(again).isEqualTo(firstInstitutions);
            assertThat(run.output()).contains("Demo sector already in place").doesNotContain("export FINRES_TOKEN");
            assertThat(run.context().getBean(UserAccounts.class).count()).isEqualTo(17);
            assertThat(run.context().getBean(AuditTrail.class).verifyChain(null).intact()).isTrue();
            assertThat(run.context().getBean(org.finres.vault.AttestationLedger.class)
                    .verify(new Actor.SystemProcess("test")).entriesChecked()).as("seeded once").isEqualTo(30);
            assertThat(run.context().getBean(org.finres.resilience.ResilienceRegisters.class)
                    .versions(new Actor.SystemProcess("test"), org.finres.core.InstitutionId.of("taipei-first-bank")))
                    .as("registers imported once").hasSize(1);
        }
    }

    private record Run(ConfigurableApplicationContext context, ByteArrayOutputStream captured, PrintStream original)
            implements AutoCloseable {
        String output() {
            return captured.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            context.close();
            System.setOut(original);
        }
    }

    private Run start() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ConfigurableApplicationContext context = FinresApplication.start("--finres.database.data-dir=" + dataDir,
                    "--finres.database.url=", "--server.port=0", "--finres.demo.enabled=true");
            return new Run(context, captured, original);
        } catch (RuntimeException e) {
            System.setOut(original);
            throw e;
        }
    }
}
