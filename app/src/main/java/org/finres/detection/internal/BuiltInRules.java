package org.finres.detection.internal;


import org.finres.core.Actor;
import org.finres.detection.RuleCatalogue;
import org.finres.detection.RuleImport;
import org.finres.detection.RuleScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the rule packs shipped in the jar ({@code detection/rules/<pack>/*.yml}) into the catalogue. The sector
 * pack is the product's own cross-institution correlations and loads on every hub; other packs load on request
 * (the demo loads its own). Loading is idempotent: an unchanged document stays at its version, a changed one
 * gets a new version, and a document an operator disabled stays disabled.
 */
@Component
public class BuiltInRules {

    private static final Logger log = LoggerFactory.getLogger(BuiltInRules.class);
    private static final Actor.SystemProcess SYSTEM = new Actor.SystemProcess("detection");

    private final RuleCatalogue catalogue;
    private final DetectionProperties properties;

    BuiltInRules(RuleCatalogue catalogue, DetectionProperties properties) {
        this.catalogue = catalogue;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void loadSectorPack() {
        if (properties.builtInRules()) {
            load("sector", RuleScope.SECTOR);
        }
    }

    /** Loads one shipped pack with the given scope; returns what the catalogue made of it. */
    public RuleImport load(String pack, RuleScope scope) {
        RuleImport result = catalogue.importShippedPack(SYSTEM, pack, scope);
        log.info("rule pack {}: {} created, {} updated, {} unchanged, {} problems", pack,
                result.count(RuleImport.Change.CREATED), result.count(RuleImport.Change.UPDATED),
                result.count(RuleImport.Change.UNCHANGED), result.problems().size());
        result.problems().forEach(p -> log.warn("rule pack {}: {}", pack, p));
        return result;
    }
}
