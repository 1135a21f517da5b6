package org.finres.intel.web;

import java.time.Instant;
import java.util.Map;

import org.finres.core.InvalidInputException;
import org.finres.intel.ObjectFilter;
import org.finres.intel.VersionSelection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxiiFiltersTests {

    private static ObjectFilter read(Map<String, String[]> params) {
        return TaxiiFilters.read(params, TaxiiFilters.COLLECTION, 100, 1000, VersionSelection.LAST);
    }

    @Test
    void readsEveryFilterWithCommaListsAndRepeats() {
        ObjectFilter f = read(Map.of("added_after", new String[]{"2026-01-01T00:00:00.123456Z"}, "limit", new String[]{"5000"},
                "match[type]", new String[]{"indicator,malware", "tool"},
                "match[version]", new String[]{"first,2026-02-01T00:00:00.000Z"}, "match[spec_version]", new String[]{"2.1"}));
        assertThat(f.addedAfter()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
        assertThat(f.limit()).isEqualTo(1000);
        assertThat(f.types()).containsExactly("indicator", "malware", "tool");
        assertThat(f.versions().first()).isTrue();
        assertThat(f.versions().last()).isFalse();
        assertThat(f.versions().versions()).containsExactly(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(f.specVersions()).containsExactly("2.1");
    }

    @Test
    void defaultsToTheLastVersionAndTheDefaultPage() {
        ObjectFilter f = read(Map.of());
        assertThat(f.versions()).isEqualTo(VersionSelection.LAST);
        assertThat(f.limit()).isEqualTo(100);
    }

    @Test
    void refusesUnknownParametersAndBadValuesByName() {
        assertThatThrownBy(() -> read(Map.of("match[colour]", new String[]{"x"}))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("match[colour]");
        assertThatThrownBy(() -> read(Map.of("limit", new String[]{"1", "2"}))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> read(Map.of("match[id]", new String[]{"indicator--1,"}))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TaxiiFilters.read(Map.of("match[type]", new String[]{"indicator"}), TaxiiFilters.VERSIONS,
                100, 1000, VersionSelection.ALL)).isInstanceOf(InvalidInputException.class);
    }
}
