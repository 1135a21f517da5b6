package org.finres.demo;

import java.util.List;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.stix.Tlp;
import org.finres.stix.attack.TechniqueId;
import org.finres.warning.Audience;
import org.finres.warning.EarlyWarnings;
import org.finres.warning.ExposureCriteria;
import org.finres.warning.ExposureKind;
import org.finres.warning.ExposureProfiles;
import org.finres.warning.WarningDetail;
import org.finres.warning.WarningDraft;
import org.finres.warning.WarningIndicator;
import org.finres.warning.WarningSeverity;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives the demo members an exposure profile (what they run: two of them a FortiGate VPN) and issues one warning to
 * the exposed ones, so that the warning pages show a sector in motion: one member to acknowledge, one not yet.
 * Runs once per data folder.
 */
@Component
@Order(35)
@ConditionalOnProperty(name = "finres.demo.enabled", havingValue = "true")
class DemoWarnings implements ApplicationRunner {

    private static final Actor.SystemProcess DEMO = new Actor.SystemProcess("demo");

    private record Declared(String member, ExposureKind kind, String value) {
    }

    private static final List<Declared> PROFILES = List.of(
            new Declared("taipei-first-bank", ExposureKind.PRODUCT, "Fortinet FortiGate 7.2.5"),
            new Declared("taipei-first-bank", ExposureKind.SUPPLIER, "Formosa Core Systems"),
            new Declared("taipei-first-bank", ExposureKind.ADDRESS_RANGE, "10.10.0.0/16"),
            new Declared("harbour-city-bank", ExposureKind.PRODUCT, "Citrix NetScaler ADC 14.1"),
            new Declared("harbour-city-bank", ExposureKind.SUPPLIER, "Formosa Core Systems"),
            new Declared("formosa-securities", ExposureKind.PRODUCT, "Fortinet FortiGate 7.0.12"),
            new Declared("formosa-securities", ExposureKind.DOMAIN, "formosa-sec.example"),
            new Declared("emerald-peak-life", ExposureKind.PRODUCT, "Palo Alto Networks PAN-OS 11.1"),
            new Declared("eastgate-bills", ExposureKind.SUPPLIER, "Harbour Clearing Systems"),
            new Declared("lanyang-credit-coop", ExposureKind.PRODUCT, "Microsoft Exchange Server 2019"),
            new Declared("swiftpay", ExposureKind.PRODUCT, "Apache Tomcat 10.1"));

    private final ExposureProfiles exposure;
    private final EarlyWarnings warnings;

    DemoWarnings(ExposureProfiles exposure, EarlyWarnings warnings) {
        this.exposure = exposure;
        this.warnings = warnings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!warnings.list(DEMO, 1).isEmpty()) {
            return;
        }
        for (Declared d : PROFILES) {
            exposure.add(DEMO, InstitutionId.of(d.member()), d.kind(), d.value(), "demo");
        }
        WarningDetail issued = warnings.issue(DEMO, new WarningDraft(
                "FortiGate SSL-VPN pre-authentication exploitation",
                "The demo campaign probes members' SSL-VPN gateways from " + SocTraffic.CAMPAIGN_IP
                        + " before it moves on to their remote desktops.",
                "Apply the vendor's fixed release; until then disable the SSL-VPN web portal, block the listed address "
                        + "at the perimeter and review VPN log-ons of the last 14 days.",
                WarningSeverity.HIGH, Tlp.AMBER, Audience.EXPOSED,
                new ExposureCriteria(List.of("fortinet fortigate"), List.of(), List.of(), List.of()),
                List.of(new WarningIndicator("ipv4", SocTraffic.CAMPAIGN_IP)), List.of(TechniqueId.of("T1133")), null));
        System.out.println("Demo early warning: \"" + issued.summary().title() + "\" to "
                + issued.recipients().size() + " exposed members.");
    }
}
