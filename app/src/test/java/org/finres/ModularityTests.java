package org.finres;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies the module boundaries (no cycles, no reaching into another module's internals) and documents them. */
class ModularityTests {

    /**
     * The Spring-free engines (org.finres.sigma, stix, vault-engine, resilience-engine, resilience-drill) are libraries with a root package of
     * their own, not application modules of the hub, even though their packages sit below the hub's.
     */
    private final ApplicationModules modules = ApplicationModules.of(FinresApplication.class,
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage("org.finres.sigma..", "org.finres.stix..",
                    "org.finres.vault.engine..", "org.finres.resilience.engine..", "org.finres.resilience.drill.."));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void expectedModulesExist() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("core", "web", "demo", "events", "detection", "vault",
                "resilience");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
