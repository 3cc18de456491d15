// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QAres

// The selected row in detail (every record with its TTL; for negative
// answers the rcode and how long they may be cached), and the names editor.
Rectangle {
    id: pane

    property bool editing: false
    property var names: []
    property var presetNames: []
    // LookupModel.get() of the selected row, and the comparison lane's.
    property var ares: ({})
    property var compare: ({})
    property string compareName

    signal applyNames(string text)

    function ms(value) {
        return value < 10 ? value.toFixed(1) + " ms" : Math.round(value) + " ms"
    }
    function ttlText(ttl) {
        if (ttl === undefined || ttl < 0)
            return "—"
        if (ttl >= 3600)
            return Math.floor(ttl / 3600) + "h " + Math.floor(ttl % 3600 / 60) + "m"
        if (ttl >= 60)
            return Math.floor(ttl / 60) + "m " + ttl % 60 + "s"
        return ttl + "s"
    }

    color: "white"
    border.color: "#e5e7eb"
    radius: 4

    ColumnLayout {
        visible: !pane.editing
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8

        Label { text: qsTr("Details"); font.pixelSize: 11; color: "#6b7280" }
        Label {
            text: pane.ares.name || ""
            font.pixelSize: 17
            font.bold: true
            elide: Text.ElideMiddle
            Layout.fillWidth: true
            Layout.topMargin: 14 // below the Edit button
        }
        Label {
            text: (pane.ares.statusText || "")
                  + (pane.ares.duration >= 0 ? " · " + pane.ms(pane.ares.duration) : "")
            font.pixelSize: 13
            color: pane.ares.status === LookupModel.Failed ? "#dc2626" : "#16a34a"
        }
        // The resolver's own split of that time, and how much later the GUI thread got the result.
        Label {
            visible: pane.ares.queuedTime !== undefined && pane.ares.queuedTime >= 0
            text: qsTr("queued %1 · in c-ares %2 · delivered %3 later")
                  .arg(pane.ms(pane.ares.queuedTime)).arg(pane.ms(pane.ares.wireTime))
                  .arg(pane.ms(pane.ares.deliveredTime - pane.ares.endTime))
            font.pixelSize: 11
            color: "#6b7280"
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Label {
            visible: (pane.ares.canonicalName || "").length > 0
                     && pane.ares.canonicalName !== pane.ares.name
            text: qsTr("canonical name: ") + (pane.ares.canonicalName || "")
            font.pixelSize: 12
            color: "#374151"
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Label {
            visible: pane.ares.status === LookupModel.Failed
            text: pane.ares.errorString || ""
            wrapMode: Text.WordWrap
            font.pixelSize: 12
            color: "#dc2626"
            Layout.fillWidth: true
        }

        Label {
            text: qsTr("Records (QAres)") + ((pane.ares.records || []).length > 0
                                             ? " · " + pane.ares.records.length : "")
            font.pixelSize: 11
            color: "#6b7280"
            Layout.topMargin: 6
        }
        ListView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, Math.max(120, pane.height * 0.45))
            clip: true
            interactive: contentHeight > height
            spacing: 4
            // The delegate cannot reach pane (qmllint, Qt 6.4): TTL texts are made here.
            model: (pane.ares.records || []).map(
                       r => Object.assign({ ttlText: pane.ttlText(r.ttl) }, r))
            delegate: ColumnLayout {
                id: recordRow
                required property var modelData
                width: ListView.view.width
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: recordRow.modelData.typeName
                        font.pixelSize: 11
                        font.bold: true
                        color: "#2563eb"
                        Layout.preferredWidth: 44
                    }
                    Label {
                        text: recordRow.modelData.name
                        font.pixelSize: 11
                        color: "#6b7280"
                        elide: Text.ElideMiddle
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("TTL ") + recordRow.modelData.ttlText
                        font.pixelSize: 11
                        color: "#6b7280"
                    }
                }
                Label {
                    text: recordRow.modelData.display
                    font.family: "monospace"
                    font.pixelSize: 12
                    wrapMode: Text.WrapAnywhere
                    Layout.fillWidth: true
                    Layout.leftMargin: 48
                }
            }
        }
        Label {
            visible: (pane.ares.records || []).length === 0
            text: pane.ares.status === LookupModel.Failed && pane.ares.negativeTtl >= 0
                  ? qsTr("none · rcode %1 · negative answer cacheable for %2 (SOA)")
                        .arg(pane.ares.rcode).arg(pane.ttlText(pane.ares.negativeTtl))
                  : "—"
            wrapMode: Text.WordWrap
            font.pixelSize: 12
            color: "#9ca3af"
            Layout.fillWidth: true
        }

        Label {
            visible: pane.compare.name !== undefined
            text: pane.compareName + ": " + (pane.compare.statusText || "")
                  + (pane.compare.duration >= 0
                     ? " · " + Math.round(pane.compare.duration) + " ms" : "")
            font.pixelSize: 11
            color: "#6b7280"
            Layout.topMargin: 6
        }
        Label {
            visible: pane.compare.name !== undefined
            text: pane.compare.answer || "—"
            wrapMode: Text.WordWrap
            font.pixelSize: 12
            color: pane.compare.status === 3 ? "#db2777" : "#374151"
            Layout.fillWidth: true
        }

        Item { Layout.fillHeight: true }
    }

    ColumnLayout {
        visible: pane.editing
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8

        Label { text: qsTr("Names, one per line"); font.pixelSize: 11; color: "#6b7280" }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: 24
            TextArea {
                id: editor
                text: pane.names.join("\n")
                font.family: "monospace"
                font.pixelSize: 12
                background: Rectangle { color: "#f9fafb"; border.color: "#d1d5db" }
            }
        }
        RowLayout {
            Button {
                text: qsTr("Apply")
                highlighted: true
                onClicked: pane.applyNames(editor.text)
            }
            Button { text: qsTr("Presets"); onClicked: editor.text = pane.presetNames.join("\n") }
        }
    }
}
