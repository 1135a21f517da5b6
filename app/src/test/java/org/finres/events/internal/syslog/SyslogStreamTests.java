package org.finres.events.internal.syslog;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogStreamTests {

    @Test
    void breakInTheSameReadStillAnswersTheCompleteFramesBeforeIt() {
        SyslogStream stream = SyslogStream.octetCounting(1024);
        assertThat(texts(stream.push(bytes("5 hello3 a"), 10))).containsExactly("hello");

        SyslogStream.Framed framed = stream.push(bytes("bc4 four9x oops"), 15);

        assertThat(framed).isInstanceOf(SyslogStream.Framed.Broken.class);
        assertThat(texts(framed)).containsExactly("abc", "four");
    }

    @Test
    void streamStartingWithALetterIsReadAsNewlineFramed() {
        SyslogStream stream = SyslogStream.detected(1024);

        assertThat(texts(stream.push(bytes("<13>one\r\n<13>tw"), 15))).containsExactly("<13>one");
        assertThat(texts(stream.push(bytes("o\n"), 2))).containsExactly("<13>two");
        assertThat(texts(stream.finish())).isEmpty();
    }

    @Test
    void streamStartingWithADigitIsReadAsOctetCounted() {
        SyslogStream stream = SyslogStream.detected(1024);

        assertThat(texts(stream.push(bytes("3 a\nb2 cd"), 9))).containsExactly("a\nb", "cd");
    }

    @Test
    void tlsStreamRefusesNewlineFraming() {
        SyslogStream stream = SyslogStream.octetCounting(1024);

        assertThat(stream.push(bytes("<13>one\n"), 8)).isInstanceOf(SyslogStream.Framed.Broken.class);
    }

    @Test
    void streamEndingInsideAFrameIsBroken() {
        SyslogStream stream = SyslogStream.octetCounting(1024);
        stream.push(bytes("10 abc"), 6);

        assertThat(stream.finish()).isInstanceOf(SyslogStream.Framed.Broken.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> texts(SyslogStream.Framed framed) {
        return framed.messages().stream().map(m -> new String(m, StandardCharsets.US_ASCII)).toList();
    }
}
