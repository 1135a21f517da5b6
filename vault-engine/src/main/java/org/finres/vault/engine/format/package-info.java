/**
 * The on-disk format of a vault repository (FORMAT.md): key derivation, sealed blobs, pack files, index files,
 * snapshot manifests and key files, each written and read here and nowhere else.
 */
package org.finres.vault.engine.format;
