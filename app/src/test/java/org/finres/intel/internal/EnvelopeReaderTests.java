package org.finres.intel.internal;

import java.nio.charset.StandardCharsets;

import org.finres.core.InvalidInputException;
import org.finres.intel.EnvelopeRejectedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeReaderTests {

    private static EnvelopeReader.Envelope read(String s) {
        return EnvelopeReader.read(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cutsEachObjectOutWithItsExactText() {
        String a = "{\"type\":\"x-a\", \"id\" : \"x-a--1\",\n \"v\":[1, 2.50, \"é\"]}";
        String b = "{\"type\":\"x-b\",\"id\":\"x-b--2\"}";
        EnvelopeReader.Envelope e = read("{\"more\":false, \"objects\":[ " + a + " ,\n" + b + "]}");
        assertThat(e.objects()).containsExactly(new EnvelopeReader.Element.Text(a), new EnvelopeReader.Element.Text(b));
    }

    @Test
    void aNonObjectElementIsOneFailureNotTheRequests() {
        EnvelopeReader.Envelope e = read("{\"objects\":[42,[1],{\"type\":\"x\"}]}");
        assertThat(e.objects()).hasSize(3);
        assertThat(e.objects().get(0)).isInstanceOf(EnvelopeReader.Element.NotAnObject.class);
        assertThat(e.objects().get(1)).isInstanceOf(EnvelopeReader.Element.NotAnObject.class);
        assertThat(e.objects().get(2)).isEqualTo(new EnvelopeReader.Element.Text("{\"type\":\"x\"}"));
    }

    @Test
    void readsABundleALoneObjectAndTheSharingChoices() {
        assertThat(read("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"a\":1}]}").objects()).hasSize(1);
        String lone = "{\"type\":\"malware\",\"id\":\"malware--1\"}";
        assertThat(read(lone).objects()).containsExactly(new EnvelopeReader.Element.Text(lone));
        EnvelopeReader.Envelope e = read("{\"x_finres_recipients\":[\"bank-a\"],\"x_finres_hide_submitter\":true,\"objects\":[]}");
        assertThat(e.recipients()).containsExactly("bank-a");
        assertThat(e.hideSubmitter()).isTrue();
    }

    @Test
    void refusesWhatIsNotAnEnvelopeNamingTheProblem() {
        assertThatThrownBy(() -> read("{\"objects\":[")).isInstanceOf(InvalidInputException.class).hasMessageContaining("JSON");
        assertThatThrownBy(() -> read("[]")).isInstanceOf(EnvelopeRejectedException.class);
        assertThatThrownBy(() -> read("{\"more\":true}")).isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("objects");
        assertThatThrownBy(() -> read("{\"objects\":\"x\"}")).isInstanceOf(EnvelopeRejectedException.class);
        assertThatThrownBy(() -> read("{\"objects\":[],\"objects\":[]}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> read("{\"objects\":[]} {}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> read("{\"x_finres_recipients\":\"bank-a\",\"objects\":[]}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("x_finres_recipients");
        assertThatThrownBy(() -> EnvelopeReader.read(new byte[]{'{', '"', (byte) 0xff, '"', ':', '1', '}'}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("UTF-8");
    }
}
