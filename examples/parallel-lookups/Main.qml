// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.Window
import QAres
import ParallelLookups

ApplicationWindow {
    id: window
    // Fits the screen (1280x1024 and down to 1024x768, every control visible);
    // --size WxH sets it (screenshots).
    width: Demo.windowWidth > 0
           ? Demo.windowWidth
           : Math.max(minimumWidth, Math.min(1400, Screen.desktopAvailableWidth - 40))
    height: Demo.windowHeight > 0
            ? Demo.windowHeight
            : Math.max(minimumHeight, Math.min(980, Screen.desktopAvailableHeight - 60))
    minimumWidth: 960
    minimumHeight: 600
    visible: true
    title: qsTr("QAres — parallel lookups")
    color: "#f4f5f7"

    // ms since the Ares lane's origin, advanced while anything runs.
    property real now: 0
    readonly property int selectedRow: rowsView.currentIndex
    property bool runActive: false
    readonly property bool anyRunning: aresModel.running || qtStats.running
    readonly property real span: Math.max(400, now, aresModel.wallTime, qtStats.wallTime)
    readonly property real tickStep: Axis.tickStep
    readonly property real axisEnd: Axis.axisEnd

    Binding { target: Axis; property: "now"; value: window.now }
    Binding { target: Axis; property: "span"; value: window.span }
    Binding { target: Axis; property: "rowWidth"; value: rowsView.width }
    Binding {
        target: Axis
        property: "compareModel"
        value: window.compareBackend !== QtLookupModel.None ? qtModel : null
    }
    Binding { target: Axis; property: "compareRevision"; value: qtModel.revision }
    // The lane picked in compareBox, and the one that runs: none when it cannot ask the type.
    readonly property int chosenBackend: compareBox.currentIndex === 1 ? QtLookupModel.DnsLookup
                                         : compareBox.currentIndex === 2 ? QtLookupModel.HostInfo
                                         : QtLookupModel.None
    readonly property int lookupType: typeBox.currentValue === undefined ? DnsLookup.Host
                                                                          : typeBox.currentValue
    readonly property string compareTypeReason: qtModel.unsupportedReason(chosenBackend, lookupType)
    readonly property int compareBackend: compareTypeReason.length > 0 ? QtLookupModel.None
                                                                       : chosenBackend
    readonly property string compareName: ["none", "qdnslookup",
                                           "qhostinfo"][compareBox.currentIndex]
    // The time axis' ticks: { x (in the timeline), label }.
    readonly property var ticks: {
        const list = []
        const n = Math.floor(axisEnd / tickStep)
        for (let i = 0; i <= n; ++i) {
            const t = i * tickStep
            list.push({
                x: rowsView.timelineX + t / axisEnd * rowsView.timelineWidth,
                label: i === 0 ? "0"
                       : t >= 1000 ? (t / 1000).toFixed(tickStep < 1000 ? 2 : 0) + " s"
                       : t + " ms"
            })
        }
        return list
    }

    Resolver {
        id: aresResolver
        servers: Demo.servers
        timeout: Demo.offline ? 500 : 1500
        tries: 2
        deadline: Demo.offline ? 2000 : 5000
        lookupOrder: Demo.offline ? Resolver.DnsOnly : Resolver.HostsFileThenDns
        noSearch: Demo.offline
        maxQueriesInFlight: 128
    }

    LookupModel {
        id: aresModel
        resolver: aresResolver
        names: Demo.presetNames
        type: window.lookupType
        onFinished: window.checkDone()
    }

    QtLookupModel {
        id: qtModel
        names: Demo.presetNames
        backend: window.compareBackend
        nameserver: Demo.dnsLookupServer
        type: window.lookupType
        onFinished: window.checkDone()
    }

    // The Qt lane's counters, by the code that counts QAres' lane (LookupModel's).
    LookupStatistics {
        id: qtStats
        model: qtModel
        origin: aresModel.origin
    }

    Timer {
        interval: 33
        repeat: true
        running: window.anyRunning
        onTriggered: window.now = aresModel.now()
    }

    Timer {
        id: autoStartTimer
        interval: 0
        onTriggered: window.resolveAll()
    }

    function resolveAll() {
        runActive = true
        now = 0
        aresModel.start()
        qtModel.start(aresModel.origin)
    }

    function abortAll() {
        aresModel.abort()
        qtModel.abort()
    }

    function checkDone() {
        if (!runActive || aresModel.running || qtStats.running)
            return
        runActive = false
        now = Math.max(aresModel.wallTime, qtStats.wallTime)
        Demo.runFinished({
            type: typeBox.model[typeBox.currentIndex].key,
            rows: aresModel.count,
            finished: aresModel.finishedCount,
            failed: aresModel.failedCount,
            wall: aresModel.wallTime,
            rate: aresModel.lookupsPerSecond,
            peak: aresModel.peakRunning,
            median: aresModel.medianDuration,
            p95: aresModel.p95Duration,
            compare: window.compareBackend === QtLookupModel.None ? "none" : window.compareName,
            compareRows: window.compareBackend === QtLookupModel.None ? 0 : qtModel.count,
            compareFinished: qtStats.finishedCount,
            compareWall: qtStats.wallTime,
            compareRate: qtStats.lookupsPerSecond,
            comparePeak: qtStats.peakRunning,
            compareMedian: qtStats.medianDuration,
            compareP95: qtStats.p95Duration
        })
    }

    function applyNames(text) {
        const names = text.split(/\s+/).filter(n => n.length > 0)
        aresModel.names = names
        qtModel.names = names
        rowsView.currentIndex = 0
    }

    Component.onCompleted: {
        const wanted = Demo.type.toLowerCase()
        for (let i = 0; i < typeBox.model.length; ++i) {
            if (typeBox.model[i].key === wanted)
                typeBox.currentIndex = i
        }
        compareBox.currentIndex = Demo.compare === "qdnslookup" && Demo.dnsLookupAvailable ? 1
                                : Demo.compare === "qhostinfo" && Demo.hostInfoAvailable ? 2 : 0
        if (Demo.autostart)
            autoStartTimer.start()
    }

    header: Rectangle {
        implicitHeight: headerColumn.implicitHeight + 20
        color: "#1f2937"

        ColumnLayout {
            id: headerColumn
            anchors.fill: parent
            anchors.margins: 10
            spacing: 8

            RowLayout {
                spacing: 12
                Label {
                    text: qsTr("QAres · parallel lookups")
                    color: "white"
                    font.pixelSize: 20
                    font.bold: true
                }
                Label {
                    text: Demo.serverText
                    color: "#9ca3af"
                    font.pixelSize: 13
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.minimumWidth: 40
                }
                Label {
                    text: qsTr("type")
                    color: "#d1d5db"
                    font.pixelSize: 13
                }
                ComboBox {
                    id: typeBox
                    implicitWidth: window.width < 1200 ? 160 : 180
                    textRole: "text"
                    valueRole: "value"
                    enabled: !window.anyRunning
                    // Host lookups (getaddrinfo semantics) or one DNS record type per run.
                    model: [
                        { key: "host", text: qsTr("Host: A + AAAA"), value: DnsLookup.Host },
                        { key: "a", text: qsTr("A"), value: DnsLookup.A },
                        { key: "aaaa", text: qsTr("AAAA"), value: DnsLookup.AAAA },
                        { key: "mx", text: qsTr("MX"), value: DnsLookup.MX },
                        { key: "txt", text: qsTr("TXT"), value: DnsLookup.TXT },
                        { key: "srv", text: qsTr("SRV"), value: DnsLookup.SRV },
                        { key: "caa", text: qsTr("CAA"), value: DnsLookup.CAA },
                        { key: "https", text: qsTr("HTTPS"), value: DnsLookup.HTTPS },
                        { key: "ns", text: qsTr("NS"), value: DnsLookup.NS },
                        { key: "soa", text: qsTr("SOA"), value: DnsLookup.SOA }
                    ]
                }
                Label {
                    text: qsTr("compare with")
                    color: "#d1d5db"
                    font.pixelSize: 13
                }
                ComboBox {
                    id: compareBox
                    implicitWidth: window.width < 1200 ? 140 : 150
                    model: [qsTr("nothing"), qsTr("QDnsLookup"), qsTr("QHostInfo")]
                    enabled: !window.anyRunning
                }
                Button {
                    text: window.anyRunning ? qsTr("Abort") : qsTr("Resolve all")
                    highlighted: true
                    implicitWidth: 120
                    onClicked: window.anyRunning ? window.abortAll() : window.resolveAll()
                }
            }

            RowLayout {
                spacing: 10
                LaneStats {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    title: qsTr("QAres — c-ares on the Qt event loop")
                    accent: "#16a34a"
                    available: true
                    rows: aresModel.count
                    running: aresModel.runningCount
                    finished: aresModel.finishedCount
                    failed: aresModel.failedCount
                    wall: aresModel.running ? window.now : aresModel.wallTime
                    peak: aresModel.peakRunning
                    median: aresModel.medianDuration
                    p95: aresModel.p95Duration
                }
                LaneStats {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    title: compareBox.currentIndex === 2
                           ? qsTr("QHostInfo — getaddrinfo in a thread pool")
                           : qsTr("QDnsLookup — res_nquery in a thread pool")
                    accent: "#8b5cf6"
                    available: window.compareBackend !== QtLookupModel.None
                    reason: compareBox.currentIndex === 1 && !Demo.dnsLookupAvailable
                            ? Demo.dnsLookupReason
                          : compareBox.currentIndex === 2 && !Demo.hostInfoAvailable
                            ? Demo.hostInfoReason
                          : window.compareTypeReason.length > 0 ? window.compareTypeReason
                          : compareBox.currentIndex === 0
                            ? (Demo.dnsLookupAvailable
                               ? qsTr("pick QDnsLookup to compare on the same axis")
                               : Demo.dnsLookupReason)
                            : ""
                    rows: qtModel.count
                    running: qtStats.runningCount
                    finished: qtStats.finishedCount
                    failed: qtStats.failedCount
                    wall: qtStats.running ? window.now : qtStats.wallTime
                    peak: qtStats.peakRunning
                    median: qtStats.medianDuration
                    p95: qtStats.p95Duration
                }
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: "white"
            border.color: "#e5e7eb"
            radius: 4

            // Column headers and the shared time axis.
            Item {
                id: axisHeader
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: 6
                height: 20

                Label { x: 4; text: qsTr("name"); color: "#6b7280"; font.pixelSize: 11 }
                Label {
                    x: rowsView.timeX + rowsView.timeWidth - width
                    text: qsTr("time"); color: "#6b7280"; font.pixelSize: 11
                }
                Label {
                    x: rowsView.answerX
                    text: qsTr("answer (QAres)"); color: "#6b7280"; font.pixelSize: 11
                }
                Repeater {
                    model: window.ticks
                    delegate: Label {
                        required property var modelData
                        required property int index
                        x: modelData.x - (index === 0 ? 0 : width / 2)
                        text: modelData.label
                        color: "#6b7280"
                        font.pixelSize: 11
                    }
                }
            }

            ListView {
                id: rowsView
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: axisHeader.bottom
                anchors.bottom: legend.top
                anchors.margins: 6
                clip: true
                model: aresModel
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar { }

                readonly property real timelineX: Axis.timelineX
                readonly property real timelineWidth: Axis.timelineWidth
                readonly property real answerX: Axis.answerX
                readonly property real timeX: Axis.timeX
                readonly property real timeWidth: Axis.timeWidth

                // Grid lines of the time axis, behind the rows.
                Item {
                    id: gridLines
                    parent: rowsView
                    anchors.fill: parent
                    z: -1
                    Repeater {
                        model: window.ticks
                        delegate: Rectangle {
                            required property var modelData
                            x: modelData.x
                            width: 1
                            height: parent ? parent.height : 0
                            color: "#eef0f3"
                        }
                    }
                }

                delegate: LookupRow { }
            }

            Flow {
                id: legend
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: 8
                spacing: 16
                Repeater {
                    model: [
                        { label: qsTr("QAres: answer"), color: "#16a34a" },
                        { label: qsTr("QAres: error"), color: "#dc2626" },
                        { label: qsTr("QAres: no data / no such name"), color: "#64748b" },
                        { label: qsTr("QAres: timeout"), color: "#f59e0b" },
                        { label: qsTr("running"), color: "#3b82f6" },
                        { label: qsTr("Qt lane: answer"), color: "#8b5cf6" },
                        { label: qsTr("Qt lane: error / timeout"), color: "#f472b6" }
                    ]
                    // QAres bars: the resolver's own times; Qt lane: start to delivery (Qt
                    // measures none).
                    delegate: Row {
                        required property var modelData
                        spacing: 5
                        Rectangle {
                            width: 14
                            height: 8
                            radius: 2
                            color: parent.modelData.color
                            anchors.verticalCenter: parent.verticalCenter
                        }
                        Label { text: parent.modelData.label; font.pixelSize: 11; color: "#4b5563" }
                    }
                }
            }
        }

        DetailsPane {
            Layout.preferredWidth: Math.max(250, Math.min(330, window.width * 0.25))
            Layout.fillHeight: true
            editing: editButton.checked
            names: aresModel.names
            presetNames: Demo.presetNames
            ares: (window.now, aresModel.finishedCount, aresModel.runningCount, aresModel.count,
                   aresModel.get(window.selectedRow))
            compare: window.compareBackend !== QtLookupModel.None
                     ? (qtModel.revision, qtModel.get(window.selectedRow)) : ({})
            compareName: compareBox.currentText
            onApplyNames: text => {
                window.applyNames(text)
                editButton.checked = false
            }

            Button {
                id: editButton
                parent: parent
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: 8
                checkable: true
                enabled: !window.anyRunning
                text: checked ? qsTr("Close editor") : qsTr("Edit names")
            }
        }
    }
}
