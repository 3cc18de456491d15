// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QAres

// The selected row in detail (addresses with their TTLs), the names editor,
// and the place where record types will go.
Rectangle {
    id: pane

    property bool editing: false
    property var names: []
    property var presetNames: []
    property bool recordTypesAvailable: false
    // LookupModel.get() of the selected row, and the comparison lane's.
    property var ares: ({})
    property var compare: ({})
    property string compareName

    signal applyNames(string text)

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
            elide: Text.ElideRight
            Layout.fillWidth: true
            Layout.rightMargin: 90
        }
        Label {
            text: (pane.ares.statusText || "") + (pane.ares.duration >= 0 ? " · " + Math.round(pane.ares.duration) + " ms" : "")
            font.pixelSize: 13
            color: pane.ares.status === LookupModel.Failed ? "#dc2626" : "#16a34a"
        }
        Label {
            visible: (pane.ares.canonicalName || "").length > 0 && pane.ares.canonicalName !== pane.ares.name
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

        Label { text: qsTr("Addresses (QAres)"); font.pixelSize: 11; color: "#6b7280"; Layout.topMargin: 6 }
        Repeater {
            model: (pane.ares.addresses || []).map((a, i) => ({ address: a, ttl: pane.ttlText((pane.ares.ttls || [])[i]) }))
            delegate: RowLayout {
                id: addressRow
                required property var modelData
                Layout.fillWidth: true
                Label { text: addressRow.modelData.address; font.family: "monospace"; font.pixelSize: 12; Layout.fillWidth: true }
                Label {
                    text: qsTr("TTL ") + addressRow.modelData.ttl
                    font.pixelSize: 12
                    color: "#6b7280"
                }
            }
        }
        Label {
            visible: (pane.ares.addresses || []).length === 0
            text: "—"
            color: "#9ca3af"
        }

        Label {
            visible: pane.compare.name !== undefined
            text: pane.compareName + ": " + (pane.compare.statusText || "")
                  + (pane.compare.duration >= 0 ? " · " + Math.round(pane.compare.duration) + " ms" : "")
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

        // RECORD TYPES — reserved. When AresResolver::query(name, AresRecord::Type)
        // exists, the type picker offers MX/TXT/SRV/... and this box lists the
        // typed records with their TTLs.
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: recordText.implicitHeight + 20
            radius: 4
            color: "#f9fafb"
            border.color: "#d1d5db"
            Label {
                id: recordText
                anchors.fill: parent
                anchors.margins: 10
                wrapMode: Text.WordWrap
                font.pixelSize: 11
                color: "#6b7280"
                text: pane.recordTypesAvailable
                      ? qsTr("Record types available.")
                      : qsTr("Record types (MX, TXT, SRV, CAA, …): reserved for AresResolver::query(), "
                             + "which is being added. Host lookups (A/AAAA with TTLs) work today.")
            }
        }
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
            Button { text: qsTr("Apply"); highlighted: true; onClicked: pane.applyNames(editor.text) }
            Button { text: qsTr("Presets"); onClicked: editor.text = pane.presetNames.join("\n") }
        }
    }
}
