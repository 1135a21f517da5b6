package org.finres.cli.hub;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;

import org.finres.cli.CliEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataFolderTests {

    private static CliEnvironment environment(Map<String, String> variables) {
        return new CliEnvironment(variables, new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void optionWinsOverEnvironmentWhichWinsOverHome(@TempDir Path dir) {
        CliEnvironment withVariable = environment(Map.of("FINRES_DATA_DIR", "/srv/finres"));

        assertThat(DataFolder.resolve(dir, withVariable).path()).isEqualTo(dir.toAbsolutePath());
        assertThat(DataFolder.resolve(null, withVariable).path()).isEqualTo(Path.of("/srv/finres"));
        assertThat(DataFolder.resolve(null, environment(Map.of())).path())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".finres"));
    }

    @Test
    void secondLockIsRefusedNamingTheHolderUntilTheFirstIsReleased(@TempDir Path dir) {
        DataFolder folder = new DataFolder(dir.resolve("data"));

        try (DataFolder.Lock first = folder.lock("finres serve")) {
            assertThatThrownBy(() -> folder.lock("finres audit verify --offline"))
                    .isInstanceOf(DataFolder.InUse.class)
                    .hasMessageContaining("is in use (pid " + ProcessHandle.current().pid() + ": finres serve)");
        }
        try (DataFolder.Lock again = folder.lock("finres demo")) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void hasDatabaseOnlyWithItsPostgresFolder(@TempDir Path dir) throws Exception {
        DataFolder folder = new DataFolder(dir);
        assertThat(folder.hasDatabase()).isFalse();

        java.nio.file.Files.createDirectory(dir.resolve("postgres"));

        assertThat(folder.hasDatabase()).isTrue();
    }
}
