package org.finres.vault.engine.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Manifests, key files and configs from a tampered repository: read or rejected with our exceptions only, and a
 * manifest that is read never holds a path that could leave a restore target.
 */
class ManifestFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        boolean sealBody = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] file = sealBody ? SealedFile.seal(FuzzKeys.KEYS, Manifest.MAGIC, "fuzz", bytes) : bytes;
        try {
            Manifest m = Manifest.decode(FuzzKeys.KEYS, "fuzz", file);
            for (Manifest.FileEntry f : m.files()) {
                if (f.path().startsWith("/") || ("/" + f.path() + "/").contains("/../")) {
                    throw new IllegalStateException("accepted an unsafe path: " + f.path());
                }
            }
        } catch (CorruptDataException expected) {
            // the documented outcome
        }
        try {
            KeyFile.decode(bytes);
        } catch (CorruptDataException expected) {
            // the documented outcome
        }
        try {
            RepositoryConfig.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (CorruptDataException | UnsupportedVersionException expected) {
            // the documented outcomes
        }
    }
}
