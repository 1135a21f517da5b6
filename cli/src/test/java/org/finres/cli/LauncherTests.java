package org.finres.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code ./finres} launcher, run by /bin/sh in a copy of the repository's layout whose Maven wrapper, JDK
 * finder and java are stand-ins that only log how they were called: when it builds, how it runs the jar, and
 * that the current directory does not matter.
 */
class LauncherTests {

    private static final Path LAUNCHER = Path.of("finres");

    @TempDir
    Path repository;

    private Path log;
    private Path jar;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void fakeRepository() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        assumeTrue(Files.isRegularFile(LAUNCHER), "runs from the repository root");
        log = repository.resolve("calls.log");
        jar = repository.resolve("cli/target/finres.jar");
        Files.copy(LAUNCHER, repository.resolve("finres"));
        executable(repository.resolve("finres"));
        Path jdk = repository.resolve("jdk");
        script(jdk.resolve("bin/java"), "echo \"java $*\" >> '" + log + "'; echo ran");
        Files.createDirectories(repository.resolve(".mvn"));
        Files.writeString(repository.resolve(".mvn/find-jdk.sh"),
                "finres_find_jdk() { finres_root=/clobbered; JAVA_HOME='" + jdk + "'; export JAVA_HOME; }\n");
        script(repository.resolve("mvnw"), "echo \"mvnw $* in $(pwd -P)\" >> '" + log + "'; echo maven says hi; "
                + "mkdir -p cli/target && echo jar > cli/target/finres.jar");
        Files.writeString(repository.resolve("pom.xml"), "<project/>");
        Files.createDirectories(repository.resolve("app/src/main/java"));
        Files.writeString(repository.resolve("app/src/main/java/A.java"), "class A {}");
        Files.createDirectories(repository.resolve("cli/src"));
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run launch(Path workingDirectory, String command, String... args) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of("/bin/sh", command));
        line.addAll(List.of(args));
        Process process = new ProcessBuilder(line).directory(workingDirectory.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void launcherIsExecutableAndValidPosixShell() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
        Process check = new ProcessBuilder("/bin/sh", "-n", LAUNCHER.toString()).start();
        assertThat(check.waitFor()).isZero();
    }

    @Test
    void firstRunBuildsWithTheWrapperThenRunsTheJarWithEveryArgument() throws Exception {
        Run run = launch(repository, repository.resolve("finres").toString(), "admin", "users", "create",
                "--display-name", "Two words");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ran\n");
        assertThat(run.err()).contains("finres: building cli/target/finres.jar", "maven says hi");
        assertThat(calls()).containsExactly(
                "mvnw -q -B -DskipTests -pl cli -am install in " + repository.toRealPath(),
                "java -jar " + jar.toRealPath() + " admin users create --display-name Two words");
    }

    @Test
    void upToDateJarRunsWithoutBuildingFromAnyDirectory(@TempDir Path elsewhere) throws Exception {
        launch(repository, repository.resolve("finres").toString(), "--version");
        Files.delete(log);

        Run run = launch(elsewhere, repository.resolve("finres").toString(), "--version");

        assertThat(run.err()).isEmpty();
        assertThat(calls()).containsExactly("java -jar " + jar.toRealPath() + " --version");
    }

    @Test
    void changedSourceOrPomRebuilds() throws Exception {
        launch(repository, repository.resolve("finres").toString());
        for (Path changed : List.of(repository.resolve("app/src/main/java/A.java"), repository.resolve("pom.xml"))) {
            Files.delete(log);
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
            Files.setLastModifiedTime(changed, FileTime.from(Instant.now()));

            Run run = launch(repository, repository.resolve("finres").toString());

            assertThat(run.err()).as("after changing " + changed).contains("sources changed");
            assertThat(calls()).hasSize(2).first().asString().startsWith("mvnw ");
        }
    }

    @Test
    void symbolicLinkToTheLauncherStillFindsTheRepository(@TempDir Path bin) throws Exception {
        Path link = Files.createSymbolicLink(bin.resolve("finres"), repository.resolve("finres"));

        Run run = launch(bin, link.toString(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(calls()).last().isEqualTo("java -jar " + jar.toRealPath() + " --help");
    }

    @Test
    void failedBuildExitsOneWithoutRunningJava() throws Exception {
        script(repository.resolve("mvnw"), "echo \"mvnw $*\" >> '" + log + "'; echo 'COMPILATION ERROR'; exit 1");

        Run run = launch(repository, repository.resolve("finres").toString(), "--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("COMPILATION ERROR", "the build failed");
        assertThat(calls()).noneMatch(call -> call.startsWith("java "));
    }
}
