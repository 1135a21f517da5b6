package org.finres.intel.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxiiMediaTypesTests {

    @Test
    void acceptsTaxii21WildcardsAndNoVersion() {
        assertThat(TaxiiMediaTypes.negotiate(null, false)).isEqualTo(TaxiiMediaTypes.TAXII);
        assertThat(TaxiiMediaTypes.negotiate("application/taxii+json;version=2.1", false)).isEqualTo(TaxiiMediaTypes.TAXII);
        assertThat(TaxiiMediaTypes.negotiate("application/taxii+json; version=\"2.1\"", false)).isEqualTo(TaxiiMediaTypes.TAXII);
        assertThat(TaxiiMediaTypes.negotiate("text/html, */*;q=0.1", false)).isEqualTo(TaxiiMediaTypes.TAXII);
        assertThat(TaxiiMediaTypes.negotiate("application/stix+json;version=2.1", true)).isEqualTo(TaxiiMediaTypes.STIX);
    }

    @Test
    void refusesOtherVersionsAndTypesAndZeroQuality() {
        for (String accept : new String[]{"application/json", "application/taxii+json;version=2.0", "*/*;q=0",
                "application/stix+json;version=2.1"}) {
            assertThatThrownBy(() -> TaxiiMediaTypes.negotiate(accept, false)).isInstanceOf(TaxiiRefusal.class)
                    .satisfies(e -> assertThat(((TaxiiRefusal) e).status().value()).isEqualTo(406));
        }
    }

    @Test
    void postsMustBeTaxiiOrStix21() {
        assertThat(TaxiiMediaTypes.postedStix("application/taxii+json;version=2.1")).isFalse();
        assertThat(TaxiiMediaTypes.postedStix("application/stix+json;version=2.1")).isTrue();
        for (String type : new String[]{null, "application/json", "application/stix+json;version=2.0", "text/plain"}) {
            assertThatThrownBy(() -> TaxiiMediaTypes.postedStix(type)).isInstanceOf(TaxiiRefusal.class)
                    .satisfies(e -> assertThat(((TaxiiRefusal) e).status().value()).isEqualTo(415));
        }
    }
}
