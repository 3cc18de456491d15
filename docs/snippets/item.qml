// SPDX-License-Identifier: MIT
// The guides' QML fragments (objects and bindings of an Item): docs/check-snippets.cmake
// pastes each in place of the snippet line below and runs qmllint on it with the
// build tree's QAres module; any warning fails. `resolver` is what the fragments
// configure in the guide's Resolver example.
import QtQuick
import QtQuick.Controls
import QAres

Item {
    Resolver {
        id: resolver
        servers: ["127.0.0.1:5353"]
    }

// @snippet@
}
