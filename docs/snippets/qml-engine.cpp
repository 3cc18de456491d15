// SPDX-License-Identifier: MIT
// The guides' C++ fragments that set up a QML engine: docs/check-snippets.cmake
// pastes each in place of the snippet line below and compiles it against the
// build tree's QAres and Qt Qml, warnings as errors. APP_QARES_QML_DIR stands
// for what the consumer's CMakeLists defines from QAres_QML_IMPORT_PATH.
// snippet-needs: Qml
#define APP_QARES_QML_DIR "/usr/lib/x86_64-linux-gnu/qt6/qml"

#include <QtCore/QUrl>
#include <QtQml/QQmlApplicationEngine>

void snippet()
{
    // @snippet@
}
