package org.finres.resilience.engine.format;

import java.util.List;

import org.finres.resilience.engine.RegisterFormatException;
import org.finres.resilience.engine.RegisterProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every kind of bad register is refused with a problem that names the element and the line. */
class RegisterReaderRejectionTests {

    private static final String HEAD = """
            format: finres-resilience-register/1
            institution: bank-a
            services:
              - id: payments
                tolerance: {maxTolerableDowntime: 4h, rto: 2h, rpo: 5m}
                dependsOn: [pay-process]
            elements:
            """;

    private static List<RegisterProblem> problems(String elements) {
        return catchThrowableOfType(RegisterFormatException.class, () -> RegisterReader.read(HEAD + elements))
                .problems();
    }

    private static RegisterProblem only(String elements) {
        List<RegisterProblem> p = problems(elements);
        assertThat(p).as(p.toString()).hasSize(1);
        return p.getFirst();
    }

    @Test
    void namesTheCycleWithEveryElementOnIt() {
        RegisterProblem p = only("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                    dependsOn: [app-a]
                  - id: app-a
                    layer: application
                    rto: 1h
                    dependsOn: [app-b]
                  - id: app-b
                    layer: application
                    rto: 1h
                    dependsOn: [app-c]
                  - id: app-c
                    layer: application
                    rto: 1h
                    dependsOn: [app-a]
                """);
        assertThat(p.message()).isEqualTo("dependency cycle: app-a -> app-b -> app-c -> app-a");
        assertThat(p.element()).isEqualTo("app-c");
        assertThat(p.line()).isEqualTo(23);
    }

    @Test
    void namesAnUnknownReferenceAndItsLine() {
        RegisterProblem p = only("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                    dependsOn: [payment-app]
                """);
        assertThat(p.toString()).isEqualTo("line 11, column 5: 'pay-process': depends on unknown element 'payment-app'");
    }

    @Test
    void namesAnUnknownGroupMember() {
        RegisterProblem p = only("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                    dependsOn:
                      - group: apps
                        mode: active-active
                        failover: 1m
                        members: [app-a, app-z]
                  - id: app-a
                    layer: application
                    rto: 1h
                """);
        assertThat(p.message()).isEqualTo("depends on unknown element 'app-z'");
        assertThat(p.element()).isEqualTo("pay-process");
    }

    @Test
    void refusesDuplicateIds() {
        RegisterProblem p = only("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                  - id: pay-process
                    layer: application
                    rto: 1h
                """);
        assertThat(p.toString()).isEqualTo("line 11, column 9: 'pay-process': duplicate id (first on line 8)");
    }

    @Test
    void refusesDuplicateGroupIds() {
        List<RegisterProblem> p = problems("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                    dependsOn:
                      - {group: g, mode: active-active, failover: 1m, members: [a1, a2]}
                      - {group: g, mode: active-active, failover: 1m, members: [a1, a2]}
                  - {id: a1, layer: application, rto: 1h}
                  - {id: a2, layer: application, rto: 1h}
                """);
        assertThat(p).extracting(RegisterProblem::toString)
                .containsExactly("line 13, column 17: 'g': duplicate redundancy group id (first on line 12)");
    }

    @Test
    void refusesNegativeTimesNamingTheField() {
        RegisterProblem p = only("""
                  - id: pay-process
                    layer: process
                    rto: -30m
                """);
        assertThat(p.toString()).isEqualTo("line 10, column 10: 'pay-process': rto is negative (-30m)");
    }

    @Test
    void refusesMissingTimes() {
        List<RegisterProblem> p = problems("""
                  - id: pay-process
                    layer: process
                  - id: ledger
                    layer: data-store
                    rto: 1h
                """);
        assertThat(p).extracting(RegisterProblem::toString).containsExactly(
                "line 8, column 5: 'pay-process': rto is missing (a duration such as 30m, 4h, 1d or PT4H)",
                "line 10, column 5: 'ledger': rpo is missing (a duration such as 30m, 4h, 1d or PT4H)");
    }

    @Test
    void refusesAToleranceShorterThanTheDeclaredRto() {
        List<RegisterProblem> p = catchThrowableOfType(RegisterFormatException.class, () -> RegisterReader.read("""
                format: finres-resilience-register/1
                institution: bank-a
                services:
                  - id: payments
                    tolerance:
                      maxTolerableDowntime: 2h
                      rto: 4h
                      rpo: 5m
                """)).problems();
        assertThat(p).extracting(RegisterProblem::toString).containsExactly(
                "line 6, column 7: 'payments': maximum tolerable downtime 2h is shorter than the declared RTO 4h");
    }

    @Test
    void refusesAServiceWithoutTolerance() {
        RegisterFormatException e = catchThrowableOfType(RegisterFormatException.class, () -> RegisterReader.read("""
                format: finres-resilience-register/1
                institution: bank-a
                services:
                  - id: payments
                """));
        assertThat(e.problems().getFirst().message()).startsWith("an important business service needs a tolerance");
    }

    @Test
    void refusesWrongLayerOrder() {
        RegisterProblem p = only("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                    dependsOn: [dc-1]
                  - id: dc-1
                    layer: site
                    rto: 4h
                    dependsOn: [ledger]
                  - id: ledger
                    layer: data-store
                    rto: 1h
                    rpo: 1m
                """);
        assertThat(p.element()).isEqualTo("dc-1");
        assertThat(p.line()).isEqualTo(15);
        assertThat(p.message()).startsWith("wrong layer order: a site may not depend on 'ledger', a data-store");
    }

    @Test
    void refusesADependencyOnAService() {
        List<RegisterProblem> p = problems("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                    dependsOn: [payments]
                """);
        assertThat(p).extracting(RegisterProblem::message)
                .anyMatch(m -> m.contains("an important business service; services are the top of the graph"));
    }

    @Test
    void refusesARedundancyGroupWithOneMember() {
        RegisterProblem p = only("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                    dependsOn:
                      - group: lonely
                        mode: active-passive
                        failover: 5m
                        members: [app-a]
                  - id: app-a
                    layer: application
                    rto: 1h
                """);
        assertThat(p.element()).isEqualTo("lonely");
        assertThat(p.line()).isEqualTo(15);
        assertThat(p.message()).startsWith("redundancy group has only one member ('app-a')");
    }

    @Test
    void refusesAGroupWithoutFailoverTimeOrWithAnUnknownMode() {
        List<RegisterProblem> p = problems("""
                  - id: pay-process
                    layer: process
                    rto: 30m
                    dependsOn:
                      - {group: g, mode: hot-standby, members: [a1, a2]}
                  - {id: a1, layer: application, rto: 1h}
                  - {id: a2, layer: application, rto: 1h}
                """);
        assertThat(p).extracting(RegisterProblem::message).containsExactlyInAnyOrder(
                "unknown redundancy mode 'hot-standby'; active-active or active-passive",
                "failover is missing (a duration such as 30m, 4h, 1d or PT4H)");
    }

    @Test
    void refusesABareNumberAsDurationAndUnknownKeys() {
        List<RegisterProblem> p = problems("""
                  - id: pay-process
                    layer: process
                    rto: 30
                    dependson: [x]
                """);
        assertThat(p).extracting(RegisterProblem::message).containsExactlyInAnyOrder(
                "unknown key 'dependson'; expected one of [dependsOn, failure, id, layer, name, rpo, rto, sharedRef]",
                "rto must be a duration such as 30m, 4h or PT4H (a bare number has no unit), not the number 30");
    }

    @Test
    void refusesAnUnknownLayerAndBadIds() {
        List<RegisterProblem> p = problems("""
                  - id: pay-process
                    layer: mainframe
                    rto: 30m
                  - id: "bad id"
                    layer: process
                    rto: 30m
                """);
        assertThat(p).extracting(RegisterProblem::message).anyMatch(m -> m.startsWith("unknown layer 'mainframe'"))
                .anyMatch(m -> m.startsWith("not a valid id: the text 'bad id'"));
    }

    @Test
    void reportsEveryFieldProblemAtOnce() {
        List<RegisterProblem> p = problems("""
                  - {id: a, layer: process, rto: -1h}
                  - {id: b, layer: process, rto: 1x}
                  - {id: c, layer: process, rto: 1h, failure: {probability: 1.5, recovery: {distribution: fixed, time: 1h}}}
                """);
        assertThat(p).extracting(RegisterProblem::element).containsExactly("a", "b", "c");
        assertThat(p).extracting(RegisterProblem::line).containsExactly(8, 9, 10);
    }

    @Test
    void refusesSyntaxErrorsWithTheirLine() {
        RegisterFormatException e = catchThrowableOfType(RegisterFormatException.class,
                () -> RegisterReader.read("format: x\ninstitution: [unclosed\nservices: []\n"));
        assertThat(e.problems().getFirst().message()).startsWith("syntax error");
        assertThat(e.problems().getFirst().line()).isGreaterThan(1);
        RegisterFormatException j = catchThrowableOfType(RegisterFormatException.class,
                () -> RegisterReader.read("{\"format\": \"finres-resilience-register/1\",\n \"institution\": }"));
        assertThat(j.problems().getFirst().line()).isEqualTo(2);
    }

    @Test
    void refusesAnotherFormatVersionAndDuplicateKeys() {
        assertThatThrownBy(() -> RegisterReader.read("format: finres-resilience-register/9\ninstitution: b\n"
                + "services: []\n")).hasMessageContaining("unsupported format 'finres-resilience-register/9'");
        assertThatThrownBy(() -> RegisterReader.read("format: finres-resilience-register/1\ninstitution: b\n"
                + "institution: c\nservices: []\n")).hasMessageContaining("line 3")
                .hasMessageContaining("key 'institution' appears twice");
    }

    @Test
    void refusesEmptyAndNonMappingDocuments() {
        assertThatThrownBy(() -> RegisterReader.read("")).isInstanceOf(RegisterFormatException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> RegisterReader.read("- a\n- b\n")).isInstanceOf(RegisterFormatException.class)
                .hasMessageContaining("not a list");
    }
}
