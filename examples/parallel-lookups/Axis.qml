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

    // The smallest step whose labels stay ~70 px apart on the timeline (it narrows with the
    // window).
    readonly property real tickStep: {
        const steps = [100, 250, 500, 1000, 2000, 5000, 10000, 30000]
        const pxPerMs = Math.max(1, timelineWidth) / (span * 1.04)
        for (let i = 0; i < steps.length; ++i) {
            if (steps[i] * pxPerMs >= 70)
                return steps[i]
        }
        return steps[steps.length - 1]
    }
    readonly property real axisEnd: Math.ceil(span * 1.04 / tickStep) * tickStep
    // The columns shrink with the window (down to a 1024 px wide screen), the timeline the most.
    readonly property real nameWidth: Math.max(110, Math.min(170, rowWidth * 0.17))
    readonly property real timelineX: nameWidth + 22
    readonly property real answerWidth: Math.max(140, Math.min(250, rowWidth * 0.26))
    readonly property real timeWidth: 62
    readonly property real answerX: rowWidth - answerWidth
    readonly property real timeX: answerX - timeWidth - 10
    readonly property real timelineWidth: timeX - timelineX - 10
}
