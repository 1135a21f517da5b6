package org.finres.vault.engine.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentDefinedChunkerTests {

    private static final ChunkerParameters SMALL = new ChunkerParameters(2 << 10, 8 << 10, 32 << 10);
    private final ContentDefinedChunker chunker = new ContentDefinedChunker(SMALL);

    @Test
    void chunkSizesRespectTheBoundsAndAverageNearTheTarget() throws IOException {
        byte[] data = random(4 << 20, 1);
        List<byte[]> chunks = chunks(new ByteArrayInputStream(data));

        for (int i = 0; i < chunks.size() - 1; i++) {
            assertThat(chunks.get(i).length).isBetween(SMALL.min(), SMALL.max());
        }
        assertThat(chunks.getLast().length).isBetween(1, SMALL.max());
        assertThat(chunks.stream().mapToLong(c -> c.length).sum()).isEqualTo(data.length);
        double mean = (double) data.length / chunks.size();
        // Normalized chunking keeps the mean near avg + min; a loose band guards the mask construction.
        assertThat(mean).isBetween(SMALL.avg() * 0.6, SMALL.avg() * 2.0);
    }

    @Test
    void oneByteInsertedNearTheStartChangesOnlyAFewChunks() throws IOException {
        byte[] data = random(2 << 20, 2);
        byte[] edited = new byte[data.length + 1];
        System.arraycopy(data, 0, edited, 0, 100);
        edited[100] = 42;
        System.arraycopy(data, 100, edited, 101, data.length - 100);

        Set<ByteBuffer> before = asSet(chunks(new ByteArrayInputStream(data)));
        List<byte[]> after = chunks(new ByteArrayInputStream(edited));
        long changed = after.stream().filter(c -> !before.contains(ByteBuffer.wrap(c))).count();

        assertThat(before.size()).isGreaterThan(100);
        assertThat(changed).isLessThanOrEqualTo(2);
    }

    @Test
    void boundariesDoNotDependOnHowTheStreamIsRead() throws IOException {
        byte[] data = random(1 << 20, 3);
        List<byte[]> whole = chunks(new ByteArrayInputStream(data));
        Random sizes = new Random(4);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + sizes.nextInt(5000)));
            }
        };
        List<byte[]> trickled = chunks(trickle);

        assertThat(trickled).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(trickled.get(i)).isEqualTo(whole.get(i));
        }
    }

    @Test
    void repetitiveInputIsCutAtTheMaximum() throws IOException {
        List<byte[]> chunks = chunks(new ByteArrayInputStream(new byte[100_000]));
        assertThat(chunks).extracting(c -> c.length).containsExactly(32768, 32768, 32768, 1696);
    }

    @Test
    void emptyAndTinyStreams() throws IOException {
        assertThat(chunks(new ByteArrayInputStream(new byte[0]))).isEmpty();
        assertThat(chunks(new ByteArrayInputStream(new byte[10]))).extracting(c -> c.length).containsExactly(10);
    }

    @Test
    void rejectsInconsistentSizes() {
        assertThatThrownBy(() -> new ChunkerParameters(1024, 3000, 8192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerParameters(8192, 4096, 16384)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerParameters(1024, 4096, 4096)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<byte[]> chunks(InputStream in) throws IOException {
        ContentDefinedChunker.ChunkStream stream = chunker.open(in);
        List<byte[]> out = new ArrayList<>();
        for (byte[] c = stream.next(); c != null; c = stream.next()) {
            out.add(c);
        }
        return out;
    }

    private static Set<ByteBuffer> asSet(List<byte[]> chunks) {
        Set<ByteBuffer> set = new HashSet<>();
        chunks.forEach(c -> set.add(ByteBuffer.wrap(c)));
        return set;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
