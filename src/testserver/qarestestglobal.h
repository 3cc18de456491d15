// SPDX-License-Identifier: MIT
#ifndef QARESTESTGLOBAL_H
#define QARESTESTGLOBAL_H

#include <QtCore/qglobal.h>

/*!
    \file qarestestglobal.h
    QARES_TEST_EXPORT, for the headers of the QAres::Test library (also as
    <QAres/QAresTestGlobal>).
*/

/*!
    \def QARES_TEST_EXPORT
    Exports a declaration from the QAres::Test library (AresTestServer,
    AresTestRecord) while it is built (QARES_BUILD_TEST_LIBRARY) and imports
    it otherwise.
*/
#if defined(QARES_BUILD_TEST_LIBRARY)
#  define QARES_TEST_EXPORT Q_DECL_EXPORT
#else
#  define QARES_TEST_EXPORT Q_DECL_IMPORT
#endif

#endif // QARESTESTGLOBAL_H
