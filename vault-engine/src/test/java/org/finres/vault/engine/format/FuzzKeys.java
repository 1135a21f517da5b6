package org.finres.vault.engine.format;

import org.finres.vault.engine.PackId;

/** Fixed keys for the fuzz tests, so a seed stays meaningful between runs. */
final class FuzzKeys {

    static final RepositoryKeys KEYS = RepositoryKeys.of(new byte[32]);
    static final PackId PACK = new PackId(1, 2, 3, 4);

    private FuzzKeys() {
    }
}
