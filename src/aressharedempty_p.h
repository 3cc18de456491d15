// SPDX-License-Identifier: MIT
#ifndef ARESSHAREDEMPTY_P_H
#define ARESSHAREDEMPTY_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

namespace QAresPrivate {

/*!
    The one empty \a Private (a QSharedData) that default-constructed values
    share, never freed, so that a value only assigned to later costs no
    allocation (every queued lookup and reply carries such values); the
    first setter detaches.
*/
template <typename Private>
Private *sharedEmpty()
{
    static Private *const empty = [] {
        auto *d = new Private;
        d->ref.ref(); // held here for good
        return d;
    }();
    return empty;
}

} // namespace QAresPrivate

#endif // ARESSHAREDEMPTY_P_H
