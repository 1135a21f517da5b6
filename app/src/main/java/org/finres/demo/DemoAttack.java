package org.finres.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.finres.attack.AttackTechniques;
import org.finres.attack.CatalogueImport;
import org.finres.core.Actor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Names the demo's techniques: the demo cannot fetch MITRE's bundle, so it ships a small ATT&CK-shaped slice of its
 * own with the techniques its rule pack is tagged with. Imported only while the catalogue is empty, so a real
 * enterprise-attack.json imported later is never overwritten; before detection starts, so the first alerts'
 * findings carry the names.
 */
@Component
@Order(15)
@ConditionalOnProperty(name = "finres.demo.enabled", havingValue = "true")
class DemoAttack implements ApplicationRunner {

    private static final Actor.SystemProcess DEMO = new Actor.SystemProcess("demo");

    private final AttackTechniques techniques;

    DemoAttack(AttackTechniques techniques) {
        this.techniques = techniques;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!techniques.imports(DEMO).isEmpty()) {
            return;
        }
        try (InputStream in = DemoAttack.class.getResourceAsStream("/demo/attack/demo-techniques.json")) {
            CatalogueImport done = techniques.importBundle(DEMO, in);
            System.out.println("Demo ATT&CK: " + done.techniques() + " techniques of the demo rules named ("
                    + String.join(", ", done.collections()) + "); import MITRE's enterprise-attack.json for all.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
