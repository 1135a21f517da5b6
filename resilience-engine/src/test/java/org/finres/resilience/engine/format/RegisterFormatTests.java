package org.finres.resilience.engine.format;

import java.time.Duration;
import java.util.List;

import org.finres.resilience.engine.Component;
import org.finres.resilience.engine.DemoRegisters;
import org.finres.resilience.engine.Dependency;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.RecoveryDistribution;
import org.finres.resilience.engine.RedundancyMode;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.generator.RegisterGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterFormatTests {

    @Test
    void readsTheDemoBankWithEveryField() {
        Register r = DemoRegisters.demoBank();
        assertThat(r.institution()).isEqualTo("demo-bank");
        assertThat(r.institutionName()).isEqualTo("Demo Commercial Bank");
        assertThat(r.services()).hasSize(2);
        ImportantService payments = r.services().getFirst();
        assertThat(payments.owner()).isEqualTo("Head of Payments");
        assertThat(payments.customers()).startsWith("1.2 million");
        assertThat(payments.tolerance().maxTolerableDowntime()).isEqualTo(Duration.ofHours(4));
        assertThat(payments.tolerance().rpo()).isEqualTo(Duration.ofMinutes(5));
        assertThat(payments.tolerance().minimumServiceLevelPercent()).isEqualTo(50);
        Component app = (Component) r.element(ElementId.of("payment-app-tpe")).orElseThrow();
        assertThat(app.layer()).isEqualTo(Layer.APPLICATION);
        Dependency.Redundant db = (Dependency.Redundant) app.dependsOn().get(1);
        assertThat(db.group().mode()).isEqualTo(RedundancyMode.ACTIVE_PASSIVE);
        assertThat(db.group().failoverTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(db.group().replicationLag()).isEqualTo(Duration.ofSeconds(30));
        assertThat(db.group().primary()).isEqualTo(ElementId.of("payments-db-primary"));
        Component vendor = (Component) r.element(ElementId.of("core-vendor")).orElseThrow();
        assertThat(vendor.sharedRef()).contains("lei:5493001KJTIIGC8Y1R12");
        assertThat(vendor.failure().orElseThrow().recovery()).isEqualTo(new RecoveryDistribution.Triangular(
                Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(12)));
        Component web = (Component) r.element(ElementId.of("web-app-east")).orElseThrow();
        assertThat(web.rpo()).isZero();
    }

    @Test
    void yamlRoundTripGivesAnEqualRegister() {
        Register r = DemoRegisters.demoBank();
        String yaml = RegisterWriter.toYaml(r);
        assertThat(RegisterReader.read(yaml)).isEqualTo(r);
        assertThat(RegisterWriter.toYaml(RegisterReader.read(yaml))).isEqualTo(yaml);
    }

    @Test
    void jsonRoundTripGivesAnEqualRegister() {
        Register r = DemoRegisters.demoBank();
        String json = RegisterWriter.toJson(r);
        assertThat(json).startsWith("{");
        assertThat(RegisterReader.read(json)).isEqualTo(r);
        assertThat(RegisterReader.read(RegisterWriter.toYaml(RegisterReader.read(json)))).isEqualTo(r);
    }

    @Test
    void generatedRegistersRoundTripInBothForms() {
        Register r = RegisterGenerator.generate(7, 2_000).register();
        assertThat(RegisterReader.read(RegisterWriter.toYaml(r))).isEqualTo(r);
        assertThat(RegisterReader.read(RegisterWriter.toJson(r))).isEqualTo(r);
    }

    @Test
    void textThatLooksLikeNumbersBooleansOrNullSurvivesTheRoundTrip() {
        Register r = new Register("bank-7", "true", List.of(new ImportantService(ElementId.of("s1"), "123",
                "null", "yes", "1h", new org.finres.resilience.engine.ImpactTolerance(Duration.ofMinutes(90),
                Duration.ofMillis(1500), Duration.ZERO, 0), List.of(Dependency.on("p1")))),
                List.of(Component.of("p1", Layer.PROCESS, Duration.ofNanos(1_500), Duration.ZERO)));
        assertThat(RegisterReader.read(RegisterWriter.toYaml(r))).isEqualTo(r);
        assertThat(RegisterReader.read(RegisterWriter.toJson(r))).isEqualTo(r);
    }

    @Test
    void chineseNamesAndMultiLineTextSurviveTheRoundTrip() {
        Register r = new Register("taipei-first-bank", "臺北第一銀行", List.of(new ImportantService(ElementId.of("s1"),
                "臺幣轉帳", "數位金融處", "個人戶: 120 萬\n法人戶: 3 萬", "line one\n  line two: with colon\n# not a comment",
                new org.finres.resilience.engine.ImpactTolerance(Duration.ofHours(4), Duration.ofHours(2),
                        Duration.ofMinutes(5), 50), List.of(Dependency.on("p1")))),
                List.of(Component.of("p1", Layer.PROCESS, Duration.ofMinutes(30), Duration.ZERO)));
        assertThat(RegisterReader.read(RegisterWriter.toYaml(r))).isEqualTo(r);
        assertThat(RegisterReader.read(RegisterWriter.toJson(r))).isEqualTo(r);
    }

    @Test
    void acceptsIsoDurationsAndPercentWithoutSign() {
        Register r = RegisterReader.read("""
                format: finres-resilience-register/1
                institution: b
                services:
                  - id: s
                    tolerance: {maxTolerableDowntime: PT4H, rto: 1h30m, rpo: 0, minimumServiceLevel: 75}
                """);
        assertThat(r.services().getFirst().tolerance().rto()).isEqualTo(Duration.ofMinutes(90));
        assertThat(r.services().getFirst().tolerance().minimumServiceLevelPercent()).isEqualTo(75);
        assertThat(r.components()).isEmpty();
    }
}
