// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls.Basic
import QAres
import ParallelLookups

// One name: its QAres lookup as a bar on the shared time axis (thick), the
// comparison lane's lookup of the same name below it (thin), time and answer.
Rectangle {
    id: row

    required property int index
    required property string name
    required property int status
    required property string answer
    required property real startTime
    required property real endTime
    required property real duration
    required property int error

    readonly property bool selected: ListView.isCurrentItem
    readonly property real now: Axis.now
    readonly property real axisEnd: Axis.axisEnd
    readonly property real nameWidth: Axis.nameWidth
    readonly property real timelineX: Axis.timelineX
    readonly property real timelineWidth: Axis.timelineWidth
    readonly property real timeX: Axis.timeX
    readonly property real timeWidth: Axis.timeWidth
    readonly property real answerX: Axis.answerX
    readonly property real answerWidth: Axis.answerWidth
    // The comparison lane's row (QtLookupModel.get()), or {} when there is none.
    readonly property var compare: Axis.compareModel
                                   ? (Axis.compareRevision,
                                      (Axis.compareModel as QtLookupModel).get(index))
                                   : ({})

    readonly property color aresColor: status === LookupModel.Running ? "#3b82f6"
                                     : status === LookupModel.Done ? "#16a34a"
                                     : status === LookupModel.Failed
                                       ? (error === AresError.TimeoutError ? "#f59e0b"
                                          : error === AresError.NoDataError
                                            || error === AresError.NotFoundError
                                            ? "#64748b" : "#dc2626")
                                     : "#d1d5db"

    function barX(t) {
        return timelineX + Math.max(0, t) / axisEnd * timelineWidth
    }
    function barWidth(start, end) {
        return Math.max(2, (end - start) / axisEnd * timelineWidth)
    }

    width: Axis.rowWidth
    implicitHeight: 16
    color: selected ? "#e0ecff" : (index % 2 ? "#fafafb" : "transparent")

    MouseArea {
        id: rowMouse
        anchors.fill: parent
        hoverEnabled: true
        onClicked: row.ListView.view.currentIndex = row.index
    }
    // A long answer or error text, cut off in its column, in full on hover.
    ToolTip.visible: rowMouse.containsMouse && answerLabel.truncated
    ToolTip.delay: 300
    ToolTip.text: row.answer

    Label {
        x: 4
        width: row.nameWidth
        anchors.verticalCenter: parent.verticalCenter
        text: row.name
        elide: Text.ElideRight
        font.pixelSize: 12
        color: "#111827"
    }
    Rectangle {
        x: row.nameWidth + 6
        width: 8
        height: 8
        radius: 4
        anchors.verticalCenter: parent.verticalCenter
        color: row.aresColor
    }

    // QAres bar.
    Rectangle {
        visible: row.status !== LookupModel.Idle
        x: row.barX(row.startTime)
        y: 2
        height: 8
        radius: 2
        width: row.barWidth(row.startTime,
                            row.status === LookupModel.Running ? row.now : row.endTime)
        color: row.aresColor
    }
    // Comparison bar.
    Rectangle {
        readonly property int st: row.compare.status !== undefined ? row.compare.status : 0
        visible: st !== 0
        x: row.barX(row.compare.startTime || 0)
        y: 11
        height: 4
        radius: 1
        width: row.barWidth(row.compare.startTime || 0,
                            st === 1 ? row.now : (row.compare.endTime || 0))
        color: st === 1 ? "#c4b5fd" : st === 2 ? "#8b5cf6" : "#f472b6"
    }

    Label {
        x: row.timeX
        width: row.timeWidth
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignRight
        text: row.status === LookupModel.Running ? Math.round(row.now - row.startTime) + " ms"
              : row.duration >= 0 ? Math.round(row.duration) + " ms" : ""
        font.pixelSize: 12
        font.family: "monospace"
        color: row.status === LookupModel.Running ? "#3b82f6" : "#374151"
    }
    Label {
        id: answerLabel
        x: row.answerX
        width: row.answerWidth
        anchors.verticalCenter: parent.verticalCenter
        text: row.answer
        elide: Text.ElideRight
        font.pixelSize: 12
        color: row.status === LookupModel.Failed ? row.aresColor : "#374151"
    }
}
