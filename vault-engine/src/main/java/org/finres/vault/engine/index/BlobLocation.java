package org.finres.vault.engine.index;

import org.finres.vault.engine.PackId;

/** Where a chunk's sealed blob is: pack, byte offset, sealed length. */
public record BlobLocation(PackId pack, int offset, int length) {
}
