package org.finres.demo;

import org.finres.core.Actor;
import org.finres.detection.IndicatorUpload;
import org.finres.detection.Indicators;
import org.finres.detection.RuleCatalogue;
import org.finres.detection.RuleImport;
import org.finres.detection.RuleScope;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives the demo hub something to detect with: the demo's own rule pack (written for the attacks the simulated SOCs
 * send) and the campaign's address and domain as indicators. Both are idempotent, so every start may run them.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "finres.demo.enabled", havingValue = "true")
class DemoDetection implements ApplicationRunner {

    private static final Actor.SystemProcess DEMO = new Actor.SystemProcess("demo");

    private final RuleCatalogue catalogue;
    private final Indicators indicators;

    DemoDetection(RuleCatalogue catalogue, Indicators indicators) {
        this.catalogue = catalogue;
        this.indicators = indicators;
    }

    @Override
    public void run(ApplicationArguments args) {
        RuleImport rules = catalogue.importShippedPack(DEMO, "demo", RuleScope.HUB);
        IndicatorUpload upload = indicators.upload(DEMO, "type,value,label\n"
                + "ipv4," + SocTraffic.CAMPAIGN_IP + ",demo campaign infrastructure\n"
                + "domain," + SocTraffic.CAMPAIGN_DOMAIN.substring(SocTraffic.CAMPAIGN_DOMAIN.indexOf('.') + 1)
                + ",demo campaign domain (and its subdomains)\n", "csv", "demo");
        System.out.println("Demo detection: " + rules.imported().size() + " rules of the demo pack in the catalogue, "
                + (upload.added() + upload.reactivated() + upload.unchanged()) + " campaign indicators.");
    }
}
