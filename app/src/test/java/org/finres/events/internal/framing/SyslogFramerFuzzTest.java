package org.finres.events.internal.framing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.events.EventInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The framers, fed any bytes in reads of any size, either emit frames or throw our {@link EventInputException}; and
 * well-formed streams come out the same however they are cut into reads.
 */
class SyslogFramerFuzzTest {

    private static final int MAX = 256;

    @FuzzTest
    void octetCounting(FuzzedDataProvider data) {
        feed(new OctetCountingFramer(MAX), data);
    }

    @FuzzTest
    void nonTransparent(FuzzedDataProvider data) {
        feed(new NonTransparentFramer(MAX), data);
    }

    private static void feed(SyslogFramer framer, FuzzedDataProvider data) {
        try {
            while (data.remainingBytes() > 0) {
                int size = data.consumeInt(0, 64);
                byte[] chunk = data.consumeBytes(size);
                for (byte[] frame : framer.push(chunk)) {
                    assertThat(frame.length).isBetween(1, MAX);
                }
            }
            framer.finish();
        } catch (EventInputException expected) {
            // The documented answer to broken framing.
        }
    }

    @Test
    void wellFormedStreamsSurviveAnySplitIntoReads() {
        Random random = new Random(42);
        List<String> messages = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            String message = "<13>1 - host app - - - message " + i + " 中文 " + "x".repeat(random.nextInt(100));
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            messages.add(message);
            stream.writeBytes((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            stream.writeBytes(bytes);
        }
        byte[] all = stream.toByteArray();
        for (int round = 0; round < 20; round++) {
            OctetCountingFramer framer = new OctetCountingFramer(1024);
            List<String> out = new ArrayList<>();
            int at = 0;
            while (at < all.length) {
                int size = Math.min(all.length - at, 1 + random.nextInt(300));
                framer.push(all, at, size).forEach(f -> out.add(new String(f, StandardCharsets.UTF_8)));
                at += size;
            }
            framer.finish();
            assertThat(out).isEqualTo(messages);
        }
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButOurException() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            if (round % 2 == 0 && bytes.length > 0) {
                bytes[0] = (byte) ('1' + random.nextInt(9));
            }
            for (SyslogFramer framer : List.of(new OctetCountingFramer(MAX), new NonTransparentFramer(MAX))) {
                try {
                    framer.push(bytes, 0, bytes.length / 2);
                    framer.push(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                    framer.finish();
                } catch (EventInputException expected) {
                    // documented
                }
            }
        }
    }
}
