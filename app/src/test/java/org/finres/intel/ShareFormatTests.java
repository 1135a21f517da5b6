package org.finres.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ShareFormatTests {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tellsTheFormatFromTheContentTypeAndJsonByItsContent() {
        assertThat(ShareFormat.ofContent("text/csv; charset=utf-8", b("{}"))).contains(ShareFormat.CSV);
        assertThat(ShareFormat.ofContent("application/stix+json;version=2.1", b("x"))).contains(ShareFormat.STIX);
        assertThat(ShareFormat.ofContent("application/json", b("{\"type\":\"bundle\",\"objects\":[]}"))).contains(ShareFormat.STIX);
        assertThat(ShareFormat.ofContent("application/json", b("{\"Event\":{\"info\":\"x\",\"Attribute\":[{\"type\":\"md5\"}]}}")))
                .contains(ShareFormat.MISP);
        assertThat(ShareFormat.ofContent("text/plain", b("\uFEFFtype,value\n"))).contains(ShareFormat.CSV);
        assertThat(ShareFormat.ofContent("application/pdf", b("%PDF"))).isEmpty();
    }

    @Test
    void readsCodesCaseInsensitively() {
        assertThat(ShareFormat.of(" MISP ")).contains(ShareFormat.MISP);
        assertThat(ShareFormat.of("xml")).isEmpty();
        assertThat(Attribution.of("Anonymous")).contains(Attribution.ANONYMOUS);
        assertThat(Attribution.of("hidden")).isEmpty();
    }
}
