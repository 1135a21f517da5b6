/**
 * Content-defined chunking: cuts a byte stream into chunks whose boundaries depend on the content (FastCDC with a
 * gear hash), so an insertion or deletion moves only the boundaries next to it and the rest deduplicates.
 */
package org.finres.vault.engine.chunk;
