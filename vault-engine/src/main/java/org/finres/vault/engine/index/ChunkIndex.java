package org.finres.vault.engine.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.finres.vault.engine.ChunkId;
import org.finres.vault.engine.PackId;

/**
 * Open-addressing hash table (linear probing) of chunk id to blob location, held in primitive arrays: per slot four
 * longs of id and three ints (pack ordinal, offset, length), 44 bytes, with the load kept between 3/8 and 3/4. Chunk
 * ids are HMAC outputs, so their first long is already a uniform hash. Pack ids are stored once, by ordinal.
 * Thread-safe (synchronized: contention is small next to hashing, compressing and encrypting each chunk).
 */
public final class ChunkIndex {

    private static final int SLOT_BYTES = 4 * Long.BYTES + 3 * Integer.BYTES;

    private long[] ids;
    /** Pack ordinal + 1; 0 marks an empty slot. */
    private int[] packs;
    private int[] offsets;
    private int[] lengths;
    private int size;
    private final List<PackId> packIds = new ArrayList<>();
    private final Map<PackId, Integer> ordinals = new HashMap<>();

    public ChunkIndex() {
        this(16);
    }

    public ChunkIndex(int expected) {
        allocate(Math.max(16, Integer.highestOneBit(Math.max(1, expected) * 4 / 3) << 1));
    }

    private void allocate(int capacity) {
        ids = new long[capacity * 4];
        packs = new int[capacity];
        offsets = new int[capacity];
        lengths = new int[capacity];
    }

    public synchronized int size() {
        return size;
    }

    /** Bytes held by the table's arrays (pack ids not counted: one per pack, not per chunk). */
    public synchronized long memoryBytes() {
        return (long) packs.length * SLOT_BYTES;
    }

    /** Adds a location; an id already present keeps its first location (the copy the index names first). */
    public synchronized void put(ChunkId id, BlobLocation location) {
        if ((size + 1) * 4L > packs.length * 3L) {
            grow();
        }
        int slot = find(id);
        if (packs[slot] != 0) {
            return;
        }
        set(slot, id, ordinal(location.pack()) + 1, location.offset(), location.length());
        size++;
    }

    public synchronized boolean contains(ChunkId id) {
        return packs[find(id)] != 0;
    }

    public synchronized BlobLocation get(ChunkId id) {
        int slot = find(id);
        if (packs[slot] == 0) {
            return null;
        }
        return new BlobLocation(packIds.get(packs[slot] - 1), offsets[slot], lengths[slot]);
    }

    /** Visits every entry (under the lock: the visitor must not call back into this index). */
    public synchronized void forEach(java.util.function.BiConsumer<ChunkId, BlobLocation> visitor) {
        for (int s = 0; s < packs.length; s++) {
            if (packs[s] != 0) {
                visitor.accept(new ChunkId(ids[4 * s], ids[4 * s + 1], ids[4 * s + 2], ids[4 * s + 3]),
                        new BlobLocation(packIds.get(packs[s] - 1), offsets[s], lengths[s]));
            }
        }
    }

    private int ordinal(PackId pack) {
        return ordinals.computeIfAbsent(pack, p -> {
            packIds.add(p);
            return packIds.size() - 1;
        });
    }

    /** The slot holding the id, or the empty slot where it would go. */
    private int find(ChunkId id) {
        int mask = packs.length - 1;
        int slot = (int) (id.a() ^ (id.a() >>> 32)) & mask;
        while (packs[slot] != 0) {
            int k = 4 * slot;
            if (ids[k] == id.a() && ids[k + 1] == id.b() && ids[k + 2] == id.c() && ids[k + 3] == id.d()) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void set(int slot, ChunkId id, int pack, int offset, int length) {
        int k = 4 * slot;
        ids[k] = id.a();
        ids[k + 1] = id.b();
        ids[k + 2] = id.c();
        ids[k + 3] = id.d();
        packs[slot] = pack;
        offsets[slot] = offset;
        lengths[slot] = length;
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldPacks = packs;
        int[] oldOffsets = offsets;
        int[] oldLengths = lengths;
        allocate(oldPacks.length * 2);
        for (int s = 0; s < oldPacks.length; s++) {
            if (oldPacks[s] != 0) {
                ChunkId id = new ChunkId(oldIds[4 * s], oldIds[4 * s + 1], oldIds[4 * s + 2], oldIds[4 * s + 3]);
                set(find(id), id, oldPacks[s], oldOffsets[s], oldLengths[s]);
            }
        }
    }
}
