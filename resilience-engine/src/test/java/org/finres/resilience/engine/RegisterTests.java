package org.finres.resilience.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A register built in code is checked like one read from a file, without lines. */
class RegisterTests {

    private static final ImpactTolerance FOUR_HOURS = new ImpactTolerance(Duration.ofHours(4), Duration.ofHours(2),
            Duration.ofMinutes(5), 0);

    private static ImportantService service(String id, String... deps) {
        return new ImportantService(ElementId.of(id), id, "", "", "", FOUR_HOURS,
                java.util.Arrays.stream(deps).map(Dependency::on).toList());
    }

    @Test
    void refusesACycleBuiltInCode() {
        RegisterFormatException e = catchThrowableOfType(RegisterFormatException.class, () -> new Register("b", "",
                List.of(service("s", "a")), List.of(
                        Component.of("a", Layer.APPLICATION, Duration.ofHours(1), Duration.ZERO, Dependency.on("b")),
                        Component.of("b", Layer.APPLICATION, Duration.ofHours(1), Duration.ZERO, Dependency.on("a")))));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isZero();
            assertThat(p.message()).isEqualTo("dependency cycle: a -> b -> a");
        });
        assertThat(e.getMessage()).isEqualTo("1 problem in the register:\n  'b': dependency cycle: a -> b -> a");
    }

    @Test
    void refusesASelfDependencyAndAMissingInstitution() {
        RegisterFormatException e = catchThrowableOfType(RegisterFormatException.class, () -> new Register(" ", "",
                List.of(service("s", "a")), List.of(
                        Component.of("a", Layer.PROCESS, Duration.ofHours(1), Duration.ZERO, Dependency.on("a")))));
        assertThat(e.problems()).extracting(RegisterProblem::message)
                .containsExactly("the register names no institution", "dependency cycle: a -> a");
    }

    @Test
    void recordsRefuseBadValuesWithTheirName() {
        assertThatThrownBy(() -> new ImpactTolerance(Duration.ofHours(1), Duration.ofHours(2), Duration.ZERO, 0))
                .hasMessage("maximum tolerable downtime 1h is shorter than the declared RTO 2h");
        assertThatThrownBy(() -> Component.of("a", Layer.SITE, Duration.ofHours(-1), Duration.ZERO))
                .hasMessage("rto of a is negative: -1h");
        assertThatThrownBy(() -> Component.of("a", Layer.SITE, Duration.ofDays(40_000), Duration.ZERO))
                .hasMessageContaining("longer than 100 years");
        assertThatThrownBy(() -> new RedundancyGroup(ElementId.of("g"), RedundancyMode.ACTIVE_ACTIVE,
                Duration.ZERO, Duration.ZERO, List.of(ElementId.of("x"))))
                .hasMessage("redundancy group g has 1 member; a group needs at least two");
        assertThatThrownBy(() -> new FailureModel(-0.1, new RecoveryDistribution.Fixed(Duration.ZERO)))
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new RecoveryDistribution.Triangular(Duration.ofHours(2), Duration.ofHours(1),
                Duration.ofHours(3))).hasMessageContaining("min <= mode <= max");
        assertThatThrownBy(() -> ElementId.of("has space")).hasMessageContaining("'has space'");
    }

    @Test
    void findsElementsById() {
        Register r = new Register("b", "", List.of(service("s", "a")),
                List.of(Component.of("a", Layer.PROCESS, Duration.ofHours(1), Duration.ZERO)));
        assertThat(r.element(ElementId.of("a"))).map(Element::layer).contains(Layer.PROCESS);
        assertThat(r.element(ElementId.of("s"))).map(Element::layer).contains(Layer.SERVICE);
        assertThat(r.element(ElementId.of("zz"))).isEqualTo(Optional.empty());
        assertThat(r.byId()).containsOnlyKeys(ElementId.of("s"), ElementId.of("a"));
    }

    @Test
    void durationsReadAndWriteInTheCompactForm() {
        assertThat(DurationText.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(DurationText.parse("2d")).contains(Duration.ofDays(2));
        assertThat(DurationText.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(DurationText.parse("PT4H")).contains(Duration.ofHours(4));
        assertThat(DurationText.parse("-5m")).contains(Duration.ofMinutes(-5));
        assertThat(DurationText.parse("30")).isEmpty();
        assertThat(DurationText.parse("m")).isEmpty();
        assertThat(DurationText.parse("1m1h")).isEmpty();
        assertThat(DurationText.parse("99999999999999999d")).isEmpty();
        assertThat(DurationText.format(Duration.ofSeconds(93_784))).isEqualTo("1d2h3m4s");
        assertThat(DurationText.format(Duration.ofNanos(1_500))).isEqualTo("PT0.0000015S");
    }
}
