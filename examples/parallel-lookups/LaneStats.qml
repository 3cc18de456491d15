// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// One lane's counters: wall time (first start to last end), lookups per
// second over it, the most lookups running at once, the median and 95th
// percentile lookup time, running now, done and failed.
Rectangle {
    id: card
    property string title
    property color accent: "#16a34a"
    property bool available: true
    property string reason
    property int rows: 0
    property int running: 0
    property int finished: 0
    property int failed: 0
    property real wall: 0
    property int peak: 0
    property real median: 0
    property real p95: 0

    function seconds(ms) {
        return ms >= 1000 ? (ms / 1000).toFixed(2) + " s"
             : ms < 10 ? ms.toFixed(1) + " ms"
             : Math.round(ms) + " ms"
    }

    implicitHeight: content.implicitHeight + 12
    radius: 6
    color: "#111827"
    border.color: Qt.darker(card.accent, 1.6)

    Rectangle {
        width: 5
        height: parent.height - 16
        anchors.left: parent.left
        anchors.leftMargin: 8
        anchors.verticalCenter: parent.verticalCenter
        radius: 2
        color: card.accent
    }

    ColumnLayout {
        id: content
        anchors.fill: parent
        anchors.leftMargin: 22
        anchors.rightMargin: 12
        anchors.topMargin: 6
        anchors.bottomMargin: 6
        spacing: 2

        Label {
            text: card.title
            color: "white"
            font.pixelSize: 13
            font.bold: true
        }
        Label {
            visible: !card.available || card.reason.length > 0 && card.rows === 0
            text: card.reason
            color: "#fbbf24"
            font.pixelSize: 12
            elide: Text.ElideRight
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            Layout.fillWidth: true
        }
        // Wraps to a second line in a narrow window.
        Flow {
            visible: card.available
            spacing: card.width < 560 ? 12 : 16
            Layout.fillWidth: true
            Repeater {
                model: [
                    { k: qsTr("wall"), v: card.seconds(card.wall) },
                    { k: qsTr("lookups/s"),
                      v: card.wall > 0 ? Math.round(card.finished * 1000 / card.wall) : "0" },
                    { k: qsTr("peak at once"), v: card.peak },
                    { k: qsTr("median"), v: card.seconds(card.median) },
                    { k: qsTr("p95"), v: card.seconds(card.p95) },
                    { k: qsTr("running"), v: card.running },
                    { k: qsTr("done"), v: card.finished + "/" + card.rows },
                    { k: qsTr("failed"), v: card.failed }
                ]
                delegate: Column {
                    required property var modelData
                    Label {
                        text: parent.modelData.v
                        color: "white"
                        font.pixelSize: 16
                        font.bold: true
                    }
                    Label { text: parent.modelData.k; color: "#9ca3af"; font.pixelSize: 11 }
                }
            }
        }
    }
}
