// SPDX-License-Identifier: MIT
#include "lookuptable_p.h"

#include <new>

// Freed Lookup slots are poisoned for AddressSanitizer (QARES_SANITIZE), so
// that a use after free is still reported although the memory stays in a chunk.
#if defined(__SANITIZE_ADDRESS__)
#  include <sanitizer/asan_interface.h>
#  define QARES_POISON(address, size) ASAN_POISON_MEMORY_REGION(address, size)
#  define QARES_UNPOISON(address, size) ASAN_UNPOISON_MEMORY_REGION(address, size)
#else
#  define QARES_POISON(address, size) ((void)(address), (void)(size))
#  define QARES_UNPOISON(address, size) ((void)(address), (void)(size))
#endif

namespace QAresPrivate {

// The ring may hold this many entries before it is compacted at all.
static constexpr size_t LookupRingSlack = 1024;

// A free slot holds only the link to the next one.
struct LookupTable::FreeSlot
{
    FreeSlot *next;
};

struct LookupTable::Chunk
{
    Chunk *prev = nullptr; // in m_partial
    Chunk *next = nullptr;
    bool inPartial = false;
    int live = 0;
    int used = 0; // slots handed out at least once; the rest were never touched
    FreeSlot *freeSlots = nullptr;
    alignas(Lookup) unsigned char storage[ChunkSize * sizeof(Lookup)];

    void reset()
    {
        prev = next = nullptr;
        inPartial = false;
        live = used = 0;
        freeSlots = nullptr;
    }
};

LookupTable::~LookupTable()
{
    forEach([this](Lookup *lookup) { deallocate(lookup); });
    // Every chunk but the current one and the spare went with its last lookup.
    freeChunk(m_current);
    freeChunk(m_spare);
}

LookupTable::Chunk *LookupTable::newChunk()
{
    auto *chunk = new Chunk;
    QARES_POISON(chunk->storage, sizeof chunk->storage);
    return chunk;
}

void LookupTable::freeChunk(Chunk *chunk)
{
    if (!chunk)
        return;
    QARES_UNPOISON(chunk->storage, sizeof chunk->storage);
    delete chunk;
}

Lookup *LookupTable::allocate()
{
    Chunk *chunk = m_current;
    if (!chunk || (!chunk->freeSlots && chunk->used == ChunkSize)) {
        // The current chunk is full (it joins m_partial when a slot frees up).
        if (m_partial) {
            chunk = m_partial;
            m_partial = chunk->next;
            if (m_partial)
                m_partial->prev = nullptr;
            chunk->next = nullptr;
            chunk->inPartial = false;
        } else if (m_spare) {
            chunk = std::exchange(m_spare, nullptr);
        } else {
            chunk = newChunk();
        }
        m_current = chunk;
    }
    void *memory = nullptr;
    if (FreeSlot *slot = chunk->freeSlots) {
        QARES_UNPOISON(slot, sizeof(Lookup));
        chunk->freeSlots = slot->next;
        slot->~FreeSlot();
        memory = slot;
    } else {
        memory = chunk->storage + size_t(chunk->used++) * sizeof(Lookup);
        QARES_UNPOISON(memory, sizeof(Lookup));
    }
    ++chunk->live;
    auto *lookup = new (memory) Lookup;
    lookup->chunk = chunk;
    return lookup;
}

void LookupTable::deallocate(Lookup *lookup)
{
    auto *chunk = static_cast<Chunk *>(lookup->chunk);
    void *memory = lookup;
    lookup->~Lookup();
    chunk->freeSlots = new (memory) FreeSlot { chunk->freeSlots };
    QARES_POISON(memory, sizeof(Lookup));
    --chunk->live;
    if (chunk == m_current)
        return;
    if (chunk->live > 0) {
        if (!chunk->inPartial) {
            chunk->inPartial = true;
            chunk->prev = nullptr;
            chunk->next = m_partial;
            if (m_partial)
                m_partial->prev = chunk;
            m_partial = chunk;
        }
        return;
    }
    // Empty: out of m_partial, kept as the spare or freed.
    if (chunk->inPartial) {
        if (chunk->prev)
            chunk->prev->next = chunk->next;
        else
            m_partial = chunk->next;
        if (chunk->next)
            chunk->next->prev = chunk->prev;
    }
    if (!m_spare) {
        chunk->reset(); // every slot is free (and poisoned) again
        m_spare = chunk;
    } else {
        freeChunk(chunk);
    }
}

Lookup *LookupTable::insert(int id)
{
    Lookup *lookup = allocate();
    lookup->id = id;
    ++m_count;
    if (m_ring.empty())
        m_base = id;
    const qint64 index = qint64(id) - m_base;
    if (index < qint64(m_ring.size()) || index > qint64(m_ring.size() + LookupRingSlack)) {
        // Not the next id (after a wrap-around of the ids, or a skip over
        // ids still in use): start the ring afresh at this id.
        moveToLongLived(0);
        m_base = id;
    } else if (size_t(index) > m_ring.size()) {
        m_ring.resize(size_t(index), nullptr); // ids skipped (in use, in m_longLived)
    }
    m_ring.push_back(lookup);
    ++m_inRing;
    // Long-lived lookups at the front keep the ring long: move them out.
    if (m_ring.size() > LookupRingSlack && m_ring.size() > 4 * m_inRing)
        moveToLongLived(2 * m_inRing);
    return lookup;
}

// Moves lookups from the front of the ring to m_longLived until at most
// \a keep entries are left in the ring.
void LookupTable::moveToLongLived(size_t keep)
{
    while (m_ring.size() > keep) {
        if (Lookup *lookup = m_ring.front()) {
            m_longLived.emplace(lookup->id, lookup);
            --m_inRing;
        }
        m_ring.pop_front();
        ++m_base;
    }
    trimFront();
}

void LookupTable::trimFront()
{
    while (!m_ring.empty() && !m_ring.front()) {
        m_ring.pop_front();
        ++m_base;
    }
}

Lookup *LookupTable::find(int id) const
{
    const qint64 index = qint64(id) - m_base;
    if (index >= 0 && index < qint64(m_ring.size())) {
        if (Lookup *lookup = m_ring[size_t(index)])
            return lookup;
    }
    if (m_longLived.empty())
        return nullptr;
    const auto it = m_longLived.find(id);
    return it == m_longLived.end() ? nullptr : it->second;
}

void LookupTable::erase(Lookup *lookup)
{
    const qint64 index = qint64(lookup->id) - m_base;
    if (index >= 0 && index < qint64(m_ring.size()) && m_ring[size_t(index)] == lookup) {
        m_ring[size_t(index)] = nullptr;
        --m_inRing;
        if (index == 0)
            trimFront();
    } else {
        m_longLived.erase(lookup->id);
    }
    --m_count;
    deallocate(lookup);
}

} // namespace QAresPrivate
