// SPDX-License-Identifier: MIT
#ifndef QARESGLOBAL_H
#define QARESGLOBAL_H

#include "qaresversion.h"

#include <QtCore/qglobal.h>
#include <QtCore/qstring.h>

/*!
    \file qaresglobal.h
    QARES_EXPORT and QAres::versionString(); included by every public header
    (also as <QAres/QAresGlobal>).
*/

/*!
    \def QARES_EXPORT
    Exports a declaration from the QAres library while it is built
    (QARES_BUILD_LIBRARY) and imports it otherwise. For QAres's own headers.
*/
#if defined(QARES_BUILD_LIBRARY)
#  define QARES_EXPORT Q_DECL_EXPORT
#else
#  define QARES_EXPORT Q_DECL_IMPORT
#endif

namespace QAres {

/*!
    The version of the QAres library loaded at run time, such as "0.2.0".
    QARES_VERSION_STR is the version of the headers the caller was compiled
    with; the two differ when the library was replaced by another of the
    same soname since.
*/
QARES_EXPORT QString versionString();

} // namespace QAres

#endif // QARESGLOBAL_H
