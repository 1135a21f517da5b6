package org.finres;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies the module boundaries (no cycles, no reaching into another module's internals) and documents them. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(FinresApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void expectedModulesExist() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("core", "web", "demo");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
