/** The in-memory chunk index: chunk id to pack, offset and length, in primitive arrays of a few dozen bytes a chunk. */
package org.finres.vault.engine.index;
