// SPDX-License-Identifier: MIT
pragma Singleton
import QtQml

// The shared time axis and the row geometry, read by every row delegate.
QtObject {
    // ms since the QAres lane's origin, advanced while a lane runs.
    property real now: 0
    // The longest time to show (ms): the axis ends a little after it.
    property real span: 400
    // Width of a row; the columns follow from it.
    property real rowWidth: 1000
    // The comparison lane's model, or null.
    property QtObject compareModel: null
    property int compareRevision: 0

    readonly property real tickStep: span <= 800 ? 100 : span <= 2000 ? 250 : span <= 5000 ? 500 : 1000
    readonly property real axisEnd: Math.ceil(span * 1.04 / tickStep) * tickStep
    readonly property real nameWidth: 170
    readonly property real timelineX: nameWidth + 22
    readonly property real answerWidth: 250
    readonly property real timeWidth: 62
    readonly property real answerX: rowWidth - answerWidth
    readonly property real timeX: answerX - timeWidth - 10
    readonly property real timelineWidth: timeX - timelineX - 10
}
