package org.finres.events.internal.framing;

import org.finres.events.EventInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyslogFramerTests {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> frames) {
        return frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void splitsOctetCountedFramesDeliveredByteByByte() {
        byte[] stream = bytes("11 <13>1 - - -12 <14>1 中文\n15 <13>1 a\nb c d e");
        OctetCountingFramer framer = new OctetCountingFramer(1024);
        List<byte[]> frames = new ArrayList<>();
        for (byte b : stream) {
            frames.addAll(framer.push(new byte[]{b}));
        }
        assertThat(texts(frames)).containsExactly("<13>1 - - -", "<14>1 中文", "<13>1 a\nb c d e");
        assertThat(framer.finish()).isEmpty();
    }

    @Test
    void joinsFramesSplitAcrossReadsAndEmitsSeveralPerRead() {
        OctetCountingFramer framer = new OctetCountingFramer(1024);
        assertThat(framer.push(bytes("5 hel"))).isEmpty();
        assertThat(texts(framer.push(bytes("lo3 abc2 x")))).containsExactly("hello", "abc");
        assertThat(texts(framer.push(bytes("y\r\n1 z")))).containsExactly("xy", "z");
    }

    @Test
    void refusesBadLengthsAndStaysFailed() {
        assertThatThrownBy(() -> new OctetCountingFramer(100).push(bytes("abc"))).isInstanceOf(EventInputException.class);
        assertThatThrownBy(() -> new OctetCountingFramer(100).push(bytes("05 hello"))).isInstanceOf(EventInputException.class);
        assertThatThrownBy(() -> new OctetCountingFramer(100).push(bytes("101 x"))).isInstanceOf(EventInputException.class);
        assertThatThrownBy(() -> new OctetCountingFramer(100).push(bytes("99999999999 x"))).isInstanceOf(EventInputException.class);
        OctetCountingFramer framer = new OctetCountingFramer(100);
        assertThatThrownBy(() -> framer.push(bytes("1x"))).isInstanceOf(EventInputException.class);
        assertThatThrownBy(() -> framer.push(bytes("1 a"))).isInstanceOf(EventInputException.class);
    }

    @Test
    void refusesStreamEndingInsideAFrame() {
        OctetCountingFramer framer = new OctetCountingFramer(100);
        framer.push(bytes("10 abc"));
        assertThatThrownBy(framer::finish).isInstanceOf(EventInputException.class).hasMessageContaining("3 of 10");
    }

    @Test
    void splitsNewlineFramedMessagesAcrossReads() {
        NonTransparentFramer framer = new NonTransparentFramer(1024);
        assertThat(texts(framer.push(bytes("<13>a\r\n<13>b")))).containsExactly("<13>a");
        assertThat(texts(framer.push(bytes("c\n\n<13>d\n<13>e")))).containsExactly("<13>bc", "<13>d");
        assertThat(texts(framer.finish())).containsExactly("<13>e");
    }

    @Test
    void refusesOverlongLines() {
        NonTransparentFramer framer = new NonTransparentFramer(8);
        assertThat(framer.push(bytes("12345678\n"))).hasSize(1);
        assertThatThrownBy(() -> framer.push(bytes("123456789"))).isInstanceOf(EventInputException.class);
        assertThatThrownBy(() -> framer.push(bytes("\n"))).isInstanceOf(EventInputException.class);
    }

    @Test
    void choosesFramingFromTheFirstByte() {
        assertThat(SyslogFramer.forFirstByte((byte) '7', 10)).isInstanceOf(OctetCountingFramer.class);
        assertThat(SyslogFramer.forFirstByte((byte) '<', 10)).isInstanceOf(NonTransparentFramer.class);
    }
}
