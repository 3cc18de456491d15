// SPDX-License-Identifier: MIT
#ifndef QARESGLOBAL_H
#define QARESGLOBAL_H

#include <QtCore/qglobal.h>

#if defined(QARES_BUILD_LIBRARY)
#  define QARES_EXPORT Q_DECL_EXPORT
#else
#  define QARES_EXPORT Q_DECL_IMPORT
#endif

#define QARES_VERSION_STR "0.1.0"

#endif // QARESGLOBAL_H
