// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_LOOKUPTABLE_P_H
#define QARES_ENGINE_LOOKUPTABLE_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "lookup_p.h"

#include <deque>
#include <unordered_map>

namespace QAresPrivate {

/*!
    The live lookups, by id. Ids are handed out consecutively, so a lookup
    is found at m_ring[id - m_base]: no hashing and no node per entry.
    Released entries become null and the nulls at the front are trimmed. A
    lookup that outlives many after it (a long deadline, a dead server)
    would keep the ring as long as the ids handed out since; once the ring
    is several times longer than the lookups in it, the oldest are moved to
    m_longLived (a hash) and the ring shrinks to the live span. Lookups are
    never moved in memory (c-ares and the queue hold pointers). They live
    in chunks of ChunkSize (below); a freed slot is reused by the next
    lookup, so memory follows the peak of live lookups, and a lookup that
    lives long pins only its slot. (A plain free list of Lookup memory was
    measured first and dropped: in a burst it kept memory that malloc would
    have reused for other objects, +0.2-0.4k instructions per lookup.)
*/
class LookupTable
{
public:
    LookupTable() = default;
    ~LookupTable();
    Q_DISABLE_COPY_MOVE(LookupTable)

    /*! A new default Lookup under \a id, which must not be in the table. */
    Lookup *insert(int id);
    Lookup *find(int id) const;
    /*! Removes \a lookup (which must be in the table) and destroys it. */
    void erase(Lookup *lookup);
    bool empty() const { return m_count == 0; }
    /*! Calls \a f(Lookup *) for every lookup; \a f must not insert or erase. */
    template <typename F>
    void forEach(F &&f) const
    {
        for (Lookup *lookup : m_ring) {
            if (lookup)
                f(lookup);
        }
        for (const auto &entry : m_longLived)
            f(entry.second);
    }

private:
    // Lookups are allocated in chunks (a slab): one malloc per
    // ChunkSize lookups instead of one each. A chunk's freed slots are
    // reused; a chunk with free slots that is not the current one waits in
    // m_partial; an empty one is freed (one is kept as a spare).
    static constexpr int ChunkSize = 64;
    struct FreeSlot;
    struct Chunk;
    Lookup *allocate();
    void deallocate(Lookup *lookup);
    static Chunk *newChunk();
    static void freeChunk(Chunk *chunk);
    void moveToLongLived(size_t keep);
    void trimFront();

    Chunk *m_current = nullptr;
    Chunk *m_partial = nullptr; // doubly linked through Chunk::prev/next
    Chunk *m_spare = nullptr;

    std::deque<Lookup *> m_ring;
    int m_base = 0;          // id of m_ring.front()
    size_t m_inRing = 0;     // non-null entries of m_ring
    size_t m_count = 0;      // m_inRing + m_longLived.size()
    std::unordered_map<int, Lookup *> m_longLived;
};

} // namespace QAresPrivate

#endif // QARES_ENGINE_LOOKUPTABLE_P_H
